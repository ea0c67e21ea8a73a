package dev.veer.analysis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.veer.api.AnalysisArg;
import dev.veer.api.AnalysisSpec;
import dev.veer.api.HealthCheckArg;
import dev.veer.api.HealthCheckRef;
import dev.veer.api.HealthCheckSpec;
import dev.veer.api.MetricProviderSpec;
import dev.veer.api.MetricSpec;
import dev.veer.api.PrometheusProviderSpec;
import dev.veer.api.Slot;

/** Builders of analysis specs for tests. */
final class AnalysisFixtures {

    static final RolloutContext CHECKOUT = new RolloutContext("checkout", "shop", Slot.GREEN, 3);

    private AnalysisFixtures() {
    }

    /** A Prometheus metric with a successCondition. */
    static MetricSpec metric(String name, String address, String query, String successCondition) {
        var prometheus = new PrometheusProviderSpec();
        prometheus.setAddress(address);
        prometheus.setQuery(query);
        var provider = new MetricProviderSpec();
        provider.setPrometheus(prometheus);
        var metric = new MetricSpec();
        metric.setName(name);
        metric.setProvider(provider);
        metric.setSuccessCondition(successCondition);
        return metric;
    }

    static MetricSpec metric(String name, String successCondition) {
        return metric(name, "http://prometheus:9090", "up", successCondition);
    }

    static HealthCheckSpec healthCheck(List<HealthCheckArg> args, MetricSpec... metrics) {
        var spec = new HealthCheckSpec();
        spec.setArgs(args);
        spec.setMetrics(List.of(metrics));
        return spec;
    }

    static HealthCheckArg declared(String name, String defaultValue) {
        var arg = new HealthCheckArg();
        arg.setName(name);
        arg.setValue(defaultValue);
        return arg;
    }

    static AnalysisSpec inline(MetricSpec... metrics) {
        var spec = new AnalysisSpec();
        spec.setMetrics(List.of(metrics));
        return spec;
    }

    static AnalysisSpec templates(List<String> names, AnalysisArg... args) {
        var spec = new AnalysisSpec();
        spec.setTemplates(names.stream().map(HealthCheckRef::new).toList());
        spec.setArgs(List.of(args));
        return spec;
    }

    static AnalysisResolver resolver(Map<String, HealthCheckSpec> healthChecks) {
        return new AnalysisResolver((namespace, name) -> Optional.ofNullable(healthChecks.get(namespace + "/" + name)),
                new BuiltinTemplates(Optional.of("http://prometheus.monitoring:9090")));
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
