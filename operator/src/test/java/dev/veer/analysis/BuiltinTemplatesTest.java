package dev.veer.analysis;

import static dev.veer.analysis.AnalysisFixtures.CHECKOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.veer.api.AnalysisArg;
import dev.veer.api.AnalysisSpec;
import dev.veer.api.BuiltinTemplate;

class BuiltinTemplatesTest {

    private final AnalysisResolver resolver = AnalysisFixtures.resolver(Map.of());

    @Test
    void errorRateIsTheRatioOf5xxToAllRequestsOfTheSlotService() throws Exception {
        ResolvedMetric metric = only(builtin(BuiltinTemplate.ERROR_RATE));

        assertThat(metric.name()).isEqualTo("error-rate");
        assertThat(metric.provider().getPrometheus().getAddress()).isEqualTo("http://prometheus.monitoring:9090");
        assertThat(metric.provider().getPrometheus().getQuery()).isEqualTo(
                "(sum(rate(http_server_requests_seconds_count{namespace=\"shop\",service=\"checkout-green\","
                        + "status=~\"5..\"}[1m])) or vector(0)) / sum(rate(http_server_requests_seconds_count{"
                        + "namespace=\"shop\","
                        + "service=\"checkout-green\"}[1m]))");
        assertThat(metric.success().orElseThrow().source()).isEqualTo("result <= 0.01");
        assertThat(metric.failure().orElseThrow().source()).isEqualTo("result > 0.01");
        assertThat(metric.rules()).isEqualTo(new MetricRules("error-rate", Duration.ofSeconds(30), Optional.empty(),
                OptionalInt.empty(), 0, 0, 4, false));
    }

    @Test
    void latencyP99IsTheHistogramQuantileOfTheSlotServiceBuckets() throws Exception {
        ResolvedMetric metric = only(builtin(BuiltinTemplate.LATENCY_P99, new AnalysisArg("maxLatencySeconds", "0.25")));

        assertThat(metric.name()).isEqualTo("latency-p99");
        assertThat(metric.provider().getPrometheus().getQuery()).isEqualTo(
                "histogram_quantile(0.99, sum(rate(http_server_requests_seconds_bucket{namespace=\"shop\","
                        + "service=\"checkout-green\"}[1m])) by (le))");
        assertThat(metric.success().orElseThrow().source()).isEqualTo("result <= 0.25");
        assertThat(metric.failure().orElseThrow().source()).isEqualTo("result > 0.25");
    }

    @Test
    void argsOverrideTheLabelsWindowThresholdAndSchedule() throws Exception {
        ResolvedMetric metric = only(builtin(BuiltinTemplate.ERROR_RATE,
                new AnalysisArg("address", "https://thanos.example/prom"),
                new AnalysisArg("service", "{{rollout}}-canary"),
                new AnalysisArg("namespace", "frontend"),
                new AnalysisArg("window", "5m"),
                new AnalysisArg("maxErrorRate", "0.05"),
                new AnalysisArg("interval", "10s"),
                new AnalysisArg("count", "6"),
                new AnalysisArg("initialDelay", "1m"),
                new AnalysisArg("failureLimit", "1"),
                new AnalysisArg("inconclusiveLimit", "2")));

        assertThat(metric.provider().getPrometheus().getAddress()).isEqualTo("https://thanos.example/prom");
        assertThat(metric.provider().getPrometheus().getQuery())
                .contains("{namespace=\"frontend\",service=\"checkout-canary\",status=~\"5..\"}[5m]")
                .contains("{namespace=\"frontend\",service=\"checkout-canary\"}[5m]");
        assertThat(metric.failure().orElseThrow().source()).isEqualTo("result > 0.05");
        assertThat(metric.rules()).isEqualTo(new MetricRules("error-rate", Duration.ofSeconds(10),
                Optional.of(Duration.ofMinutes(1)), OptionalInt.of(6), 1, 2, 4, false));
    }

    @Test
    void latencyP99WithoutAThresholdIsInvalid() {
        assertThatThrownBy(() -> builtin(BuiltinTemplate.LATENCY_P99))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessage("built-in latency-p99 needs arg maxLatencySeconds: pass it in the analysis args");
    }

    @Test
    void withoutADefaultPrometheusTheAddressArgIsRequired() {
        var noDefault = new AnalysisResolver((namespace, name) -> Optional.empty(),
                new BuiltinTemplates(Optional.empty()));
        assertThatThrownBy(() -> noDefault.resolve(spec(BuiltinTemplate.ERROR_RATE), CHECKOUT))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessage("built-in error-rate needs arg address: pass it in the analysis args");
    }

    @Test
    void argValuesThatWouldBreakTheQueryAreRejected() {
        assertThatThrownBy(() -> builtin(BuiltinTemplate.ERROR_RATE, new AnalysisArg("service", "a\"} or up{x=\"")))
                .hasMessageStartingWith("built-in error-rate: arg service is 'a\"} or up{x=\"', expected a label value");
        assertThatThrownBy(() -> builtin(BuiltinTemplate.ERROR_RATE, new AnalysisArg("maxErrorRate", "1%")))
                .hasMessage("built-in error-rate: arg maxErrorRate is '1%', expected a number such as 0.01");
        assertThatThrownBy(() -> builtin(BuiltinTemplate.ERROR_RATE, new AnalysisArg("window", "1 minute")))
                .hasMessageContaining("arg window is '1 minute', expected a duration");
        assertThatThrownBy(() -> builtin(BuiltinTemplate.ERROR_RATE, new AnalysisArg("count", "0")))
                .hasMessage("built-in error-rate: arg count is '0', expected a whole number of at least 1");
    }

    @Test
    void bothBuiltinsRunSideBySideWithTheirOwnThresholds() throws Exception {
        var spec = spec(BuiltinTemplate.ERROR_RATE, BuiltinTemplate.LATENCY_P99);
        spec.setArgs(List.of(new AnalysisArg("maxLatencySeconds", "0.5")));
        assertThat(resolver.resolve(spec, CHECKOUT)).extracting(ResolvedMetric::name)
                .containsExactly("error-rate", "latency-p99");
    }

    private List<ResolvedMetric> builtin(BuiltinTemplate template, AnalysisArg... args)
            throws InvalidAnalysisException {
        var spec = spec(template);
        spec.setArgs(List.of(args));
        return resolver.resolve(spec, CHECKOUT);
    }

    private static AnalysisSpec spec(BuiltinTemplate... templates) {
        var spec = new AnalysisSpec();
        spec.setBuiltin(List.of(templates));
        return spec;
    }

    private static ResolvedMetric only(List<ResolvedMetric> metrics) {
        assertThat(metrics).hasSize(1);
        return metrics.get(0);
    }
}
