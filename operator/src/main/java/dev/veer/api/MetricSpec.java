package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One health metric: a query, the conditions its result must meet, how often to measure it and how many bad
 * measurements to tolerate.
 */
@ValidationRule(value = "has(self.successCondition) || has(self.failureCondition)",
        message = "a metric needs a successCondition, a failureCondition or both")
public class MetricSpec {

    @Required
    @Pattern("^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$")
    @Size(max = 63)
    @JsonPropertyDescription("Name of the metric, unique within the analysis; it names the metric in the rollout's "
            + "status, events and Veer's own metrics. At most 63 characters.")
    private String name;

    @Required
    @JsonPropertyDescription("Where the metric is read from.")
    private MetricProviderSpec provider;

    @Size(max = 1024)
    @JsonPropertyDescription("A CEL expression over the query's result that is true when the measurement is good, "
            + "for example 'result < 0.01', 'result[0] >= 0.95', 'isNaN(result)' or 'len(result) == 0'. 'result' is "
            + "a number for a scalar or a single sample, and a list for several. 'and' and 'or' may be written for "
            + "'&&' and '||'. With only a successCondition, false means failed. At most 1024 characters.")
    private String successCondition;

    @Size(max = 1024)
    @JsonPropertyDescription("A CEL expression over the query's result that is true when the measurement is bad. "
            + "It wins over successCondition. With only a failureCondition, false means successful; with both and "
            + "neither true, the measurement is inconclusive. At most 1024 characters.")
    private String failureCondition;

    @Pattern(VeerApi.DURATION_PATTERN)
    @Default("30s")
    @JsonPropertyDescription("Time between two measurements, for example 30s or 1m.")
    private String interval = "30s";

    @Min(1)
    @JsonPropertyDescription("Number of measurements (errors not counted) after which the metric has succeeded if no "
            + "limit was exceeded. Unset: measure until the analysis is stopped (a background analysis).")
    private Integer count;

    @Pattern(VeerApi.DURATION_PATTERN)
    @JsonPropertyDescription("Time to wait after the analysis starts before the first measurement. Unset: measure "
            + "at once.")
    private String initialDelay;

    @Min(0)
    @Default("0")
    @JsonPropertyDescription("Number of failed measurements tolerated: one more fails the metric.")
    private Integer failureLimit = 0;

    @Min(0)
    @Default("0")
    @JsonPropertyDescription("Number of inconclusive measurements tolerated: one more makes the metric inconclusive.")
    private Integer inconclusiveLimit = 0;

    @Min(0)
    @Default("4")
    @JsonPropertyDescription("Number of measurement errors in a row tolerated (Prometheus unreachable, HTTP errors, "
            + "results a condition cannot handle): one more makes the metric inconclusive, never successful.")
    private Integer consecutiveErrorLimit = 4;

    @Default("false")
    @JsonPropertyDescription("Measure and record, but never let this metric decide the analysis.")
    private Boolean dryRun = false;

    @Default("Inconclusive")
    @JsonPropertyDescription("What a query that returns no samples means: Inconclusive, or Fail. The conditions do not "
            + "run on an empty result.")
    private NoDataPolicy noData = NoDataPolicy.Inconclusive;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public MetricProviderSpec getProvider() {
        return provider;
    }

    public void setProvider(MetricProviderSpec provider) {
        this.provider = provider;
    }

    public String getSuccessCondition() {
        return successCondition;
    }

    public void setSuccessCondition(String successCondition) {
        this.successCondition = successCondition;
    }

    public String getFailureCondition() {
        return failureCondition;
    }

    public void setFailureCondition(String failureCondition) {
        this.failureCondition = failureCondition;
    }

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public Integer getCount() {
        return count;
    }

    public void setCount(Integer count) {
        this.count = count;
    }

    public String getInitialDelay() {
        return initialDelay;
    }

    public void setInitialDelay(String initialDelay) {
        this.initialDelay = initialDelay;
    }

    public Integer getFailureLimit() {
        return failureLimit;
    }

    public void setFailureLimit(Integer failureLimit) {
        this.failureLimit = failureLimit;
    }

    public Integer getInconclusiveLimit() {
        return inconclusiveLimit;
    }

    public void setInconclusiveLimit(Integer inconclusiveLimit) {
        this.inconclusiveLimit = inconclusiveLimit;
    }

    public Integer getConsecutiveErrorLimit() {
        return consecutiveErrorLimit;
    }

    public void setConsecutiveErrorLimit(Integer consecutiveErrorLimit) {
        this.consecutiveErrorLimit = consecutiveErrorLimit;
    }

    public Boolean getDryRun() {
        return dryRun;
    }

    public void setDryRun(Boolean dryRun) {
        this.dryRun = dryRun;
    }

    public NoDataPolicy getNoData() {
        return noData;
    }

    public void setNoData(NoDataPolicy noData) {
        this.noData = noData;
    }
}
