package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a metric is read from: exactly one provider. Prometheus is the only one so far. */
@ValidationRule(value = "has(self.prometheus)", message = "a metric provider must set prometheus")
public class MetricProviderSpec {

    @JsonPropertyDescription("Read the metric with an instant PromQL query.")
    private PrometheusProviderSpec prometheus;

    public PrometheusProviderSpec getPrometheus() {
        return prometheus;
    }

    public void setPrometheus(PrometheusProviderSpec prometheus) {
        this.prometheus = prometheus;
    }
}
