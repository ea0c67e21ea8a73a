package dev.veer.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "self.metrics.all(m, self.metrics.exists_one(n, n.name == m.name))",
        message = "metric names must be unique within a HealthCheck")
@ValidationRule(value = "!has(self.args) || self.args.all(a, self.args.exists_one(b, b.name == a.name))",
        message = "arg names must be unique within a HealthCheck")
public class HealthCheckSpec {

    @JsonPropertyDescription("What this health check is for, shown to people.")
    private String description;

    @Size(max = 20)
    @JsonPropertyDescription("Arguments the metrics use as {{args.NAME}}. A rollout passes their values in its "
            + "analysis args; an arg with a value here has that value as its default. At most 20 items.")
    private List<HealthCheckArg> args = new ArrayList<>();

    @Required
    @Size(min = 1, max = 20)
    @JsonPropertyDescription("The metrics to measure. The analysis fails as soon as one metric fails, is inconclusive "
            + "as soon as one is inconclusive, and succeeds once every metric has succeeded. At most 20 items.")
    private List<MetricSpec> metrics = new ArrayList<>();

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<HealthCheckArg> getArgs() {
        return args;
    }

    public void setArgs(List<HealthCheckArg> args) {
        this.args = args;
    }

    public List<MetricSpec> getMetrics() {
        return metrics;
    }

    public void setMetrics(List<MetricSpec> metrics) {
        this.metrics = metrics;
    }
}
