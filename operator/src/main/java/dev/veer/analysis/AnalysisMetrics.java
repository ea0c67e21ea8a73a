package dev.veer.analysis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

import dev.veer.api.MeasurementVerdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Veer's own metrics about analyses (rollbacks are {@code RolloutMetrics}'), exported at {@code /q/metrics}:
 * <ul>
 * <li>{@code veer_analysis_value{rollout,namespace,metric}}: the last value of a metric (NaN when it was not a single
 * number, or the measurement failed);</li>
 * <li>{@code veer_analysis_verdicts_total{rollout,namespace,metric,verdict}}: measurements by verdict.</li>
 * </ul>
 * Label values are bounded: rollouts and metric names come from specs, verdicts from an enum. {@link #forget} drops a deleted rollout's gauges.
 */
@Singleton
public class AnalysisMetrics {

    private final MeterRegistry registry;
    private final Map<GaugeKey, GaugeHolder> gauges = new ConcurrentHashMap<>();

    public AnalysisMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one measurement of {@code metric}: its verdict, and its value when it was a single number. */
    public void measured(RolloutContext rollout, String metric, MeasurementVerdict verdict, MetricValue value) {
        Counter.builder("veer.analysis.verdicts")
                .description("Analysis measurements by verdict")
                .tag("rollout", rollout.rollout())
                .tag("namespace", rollout.namespace())
                .tag("metric", metric)
                .tag("verdict", verdict.name())
                .register(registry)
                .increment();
        GaugeKey key = new GaugeKey(rollout.namespace(), rollout.rollout(), metric);
        gauges.computeIfAbsent(key, this::register).value().set(value.single().orElse(Double.NaN));
    }

    /** Removes the value gauges of a rollout (when it is deleted), so that they stop being exported. */
    public void forget(String namespace, String rollout) {
        gauges.entrySet().removeIf(entry -> {
            boolean match = entry.getKey().namespace().equals(namespace) && entry.getKey().rollout().equals(rollout);
            if (match) {
                registry.remove(entry.getValue().gauge());
            }
            return match;
        });
    }

    private GaugeHolder register(GaugeKey key) {
        AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
        Gauge gauge = Gauge.builder("veer.analysis.value", value, AtomicReference::get)
                .description("Last value of an analysis metric")
                .tag("rollout", key.rollout())
                .tag("namespace", key.namespace())
                .tag("metric", key.metric())
                .register(registry);
        return new GaugeHolder(gauge, value);
    }

    private record GaugeKey(String namespace, String rollout, String metric) {
    }

    private record GaugeHolder(Gauge gauge, AtomicReference<Double> value) {
    }
}
