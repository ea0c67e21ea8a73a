package dev.veer.analysis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.veer.api.MeasurementVerdict;
import dev.veer.api.ServiceRollout;
import dev.veer.common.ObjectSeries;
import dev.veer.common.SeriesRegistry;
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
 * Label values are bounded: rollouts and metric names come from specs, verdicts from an enum. Every series is tracked
 * in the rollouts' {@link ObjectSeries}, so that a deleted rollout's gauges and counters go with it.
 */
@Singleton
public class AnalysisMetrics {

    private final MeterRegistry registry;
    private final ObjectSeries rollouts;
    private final Map<GaugeKey, GaugeHolder> gauges = new ConcurrentHashMap<>();

    @Inject
    public AnalysisMetrics(SeriesRegistry series) {
        this(series.forKind(ServiceRollout.class.getSimpleName()));
    }

    /** Metrics in a registry of their own rollout series (an operator wired by hand, tests). */
    public AnalysisMetrics(MeterRegistry registry) {
        this(new ObjectSeries(registry, ServiceRollout.class.getSimpleName()));
    }

    private AnalysisMetrics(ObjectSeries rollouts) {
        this.registry = rollouts.registry();
        this.rollouts = rollouts;
        rollouts.onForget((namespace, rollout) -> gauges.keySet()
                .removeIf(key -> key.namespace().equals(namespace) && key.rollout().equals(rollout)));
    }

    /** The series of rollouts, shared with the rollout metrics and the rollout controller's cleanup. */
    public ObjectSeries rolloutSeries() {
        return rollouts;
    }

    /** Records one measurement of {@code metric}: its verdict, and its value when it was a single number. */
    public void measured(RolloutContext rollout, String metric, MeasurementVerdict verdict, MetricValue value) {
        if (rollouts.isDeleted(rollout.namespace(), rollout.rollout())) {
            return;
        }
        rollouts.track(rollout.namespace(), rollout.rollout(), Counter.builder("veer.analysis.verdicts")
                .description("Analysis measurements by verdict")
                .tag("rollout", rollout.rollout())
                .tag("namespace", rollout.namespace())
                .tag("metric", metric)
                .tag("verdict", verdict.name())
                .register(registry))
                .increment();
        GaugeKey key = new GaugeKey(rollout.namespace(), rollout.rollout(), metric);
        gauges.computeIfAbsent(key, this::register).value().set(value.single().orElse(Double.NaN));
    }

    private GaugeHolder register(GaugeKey key) {
        AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
        Gauge gauge = Gauge.builder("veer.analysis.value", value, AtomicReference::get)
                .description("Last value of an analysis metric")
                .tag("rollout", key.rollout())
                .tag("namespace", key.namespace())
                .tag("metric", key.metric())
                .register(registry);
        rollouts.track(key.namespace(), key.rollout(), gauge);
        return new GaugeHolder(gauge, value);
    }

    private record GaugeKey(String namespace, String rollout, String metric) {
    }

    private record GaugeHolder(Gauge gauge, AtomicReference<Double> value) {
    }
}
