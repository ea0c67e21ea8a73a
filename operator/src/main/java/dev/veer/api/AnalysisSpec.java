package dev.veer.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * An analysis of a rollout: the health checks to run, by HealthCheck name, built-in template name, or inline, and the
 * arguments they take. It is used inline in a ServiceRollout (a canary step's analysis, a background analysis, the
 * pre- and post-promotion analyses of blue-green). Metric names must be unique across all of its sources.
 */
@ValidationRule(value = "(has(self.templates) && size(self.templates) > 0) || (has(self.builtin) && size(self.builtin) > 0)"
        + " || (has(self.metrics) && size(self.metrics) > 0)",
        message = "an analysis needs at least one of templates, builtin or metrics")
@ValidationRule(value = "!has(self.args) || self.args.all(a, self.args.exists_one(b, b.name == a.name))",
        message = "arg names must be unique within an analysis")
@ValidationRule(value = "!has(self.metrics) || self.metrics.all(m, self.metrics.exists_one(n, n.name == m.name))",
        message = "metric names must be unique within an analysis")
public class AnalysisSpec {

    @Size(max = 10)
    @JsonPropertyDescription("HealthChecks to run, by name, from the rollout's namespace. At most 10 items.")
    private List<HealthCheckRef> templates = new ArrayList<>();

    @Size(max = 10)
    @JsonPropertyDescription("Built-in templates to run, for services instrumented with micrometer "
            + "(http_server_requests_seconds): error-rate (args maxErrorRate, default 0.01) and latency-p99 (arg "
            + "maxLatencySeconds). Both take the args address, window (default 1m), service (default "
            + "{{rollout}}-{{slot}}), namespace (default {{namespace}}), interval (default 30s), count and "
            + "initialDelay. At most 10 items.")
    private List<BuiltinTemplate> builtin = new ArrayList<>();

    @Size(max = 30)
    @JsonPropertyDescription("Values of the arguments the templates declare. At most 30 items.")
    private List<AnalysisArg> args = new ArrayList<>();

    @Size(max = 20)
    @JsonPropertyDescription("Metrics defined here rather than in a HealthCheck. At most 20 items.")
    private List<MetricSpec> metrics = new ArrayList<>();

    public List<HealthCheckRef> getTemplates() {
        return templates;
    }

    public void setTemplates(List<HealthCheckRef> templates) {
        this.templates = templates;
    }

    public List<BuiltinTemplate> getBuiltin() {
        return builtin;
    }

    public void setBuiltin(List<BuiltinTemplate> builtin) {
        this.builtin = builtin;
    }

    public List<AnalysisArg> getArgs() {
        return args;
    }

    public void setArgs(List<AnalysisArg> args) {
        this.args = args;
    }

    public List<MetricSpec> getMetrics() {
        return metrics;
    }

    public void setMetrics(List<MetricSpec> metrics) {
        this.metrics = metrics;
    }
}
