package dev.veer.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

import dev.veer.analysis.AnalysisMetrics;
import dev.veer.common.ObjectSeries;
import dev.veer.api.RolloutPhase;
import dev.veer.api.ServiceRollout;
import dev.veer.api.ServiceRolloutStatus;
import dev.veer.rollout.plan.Plan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Veer's metrics about rollouts, exported at {@code /q/metrics}:
 * <ul>
 * <li>{@code veer_rollout_phase{namespace,rollout,phase}}: 1 for the rollout's current phase, 0 for the other three
 * (so that {@code veer_rollout_phase{phase="Degraded"} == 1} lists the degraded rollouts);</li>
 * <li>{@code veer_rollout_step_duration_seconds{namespace,rollout}}: how long completed canary steps took;</li>
 * <li>{@code veer_rollout_step{namespace,rollout}}: index of the canary step being run (NaN when none is) and
 * {@code veer_rollout_weight{namespace,rollout}}: percentage of traffic on the new version as last verified by the
 * router (for dashboards: step and weight over time);</li>
 * <li>{@code veer_rollbacks_total{namespace,reason}}: rollbacks completed (all traffic verified back on the stable
 * version), by abort reason.</li>
 * </ul>
 * Label values are bounded: names of existing rollouts, the phase enum, the planner's reason constants. The phase
 * gauges and step timers of a rollout (and its analysis series, {@link AnalysisMetrics}) are tracked in the rollouts'
 * {@link ObjectSeries} and removed on the rollout's delete event ({@link dev.veer.common.SeriesCleanup}). The
 * rollback counter is per namespace and reason, not per rollout: it stays.
 */
@Singleton
public class RolloutMetrics {

    private final MeterRegistry registry;
    private final ObjectSeries rollouts;
    private final Map<Key, PhaseGauges> phases = new ConcurrentHashMap<>();

    public RolloutMetrics(MeterRegistry registry, AnalysisMetrics analysisMetrics) {
        this.registry = registry;
        this.rollouts = analysisMetrics.rolloutSeries();
        rollouts.onForget((namespace, rollout) -> phases.remove(new Key(namespace, rollout)));
    }

    /** The series of rollouts, for the rollout controller's {@link dev.veer.common.SeriesCleanup}. */
    ObjectSeries series() {
        return rollouts;
    }

    /** Rollouts whose series are exported now. */
    int tracked() {
        return phases.size();
    }

    /** Records what one pass did: the phase it left the rollout in, a step it completed, a rollback it completed. */
    void passed(ServiceRollout rollout, Plan plan) {
        String namespace = rollout.getMetadata().getNamespace();
        String name = rollout.getMetadata().getName();
        if (rollouts.isDeleted(namespace, name)) {
            return;
        }
        Key key = new Key(namespace, name);
        PhaseGauges gauges = phases.get(key);
        if (gauges == null) {
            gauges = registerPhase(key);
            phases.put(key, gauges);
        }
        gauges.current().set(plan.status().getPhase());
        gauges.step().set(plan.status().getCurrentStepIndex());
        gauges.weight().set(plan.status().getCanaryWeight());
        stepCompleted(rollout.getStatus(), plan.status()).ifPresent(duration -> rollouts.track(namespace, name, Timer
                .builder("veer.rollout.step.duration")
                .description("Duration of completed canary steps")
                .tag("namespace", namespace)
                .tag("rollout", name)
                .register(registry))
                .record(duration));
        plan.rolledBack().ifPresent(reason -> Counter.builder("veer.rollbacks")
                .description("Rollbacks to the stable version, by reason")
                .tag("namespace", namespace)
                .tag("reason", reason)
                .register(registry)
                .increment());
    }

    /** A step that ended in this pass (same revision, a higher step index): from its start to the next one's. */
    private static Optional<Duration> stepCompleted(ServiceRolloutStatus before, ServiceRolloutStatus after) {
        if (before == null || before.getCurrentStepIndex() == null || after.getCurrentStepIndex() == null
                || before.getCanaryRevision() == null
                || !Objects.equals(before.getCanaryRevision(), after.getCanaryRevision())
                || after.getCurrentStepIndex() <= before.getCurrentStepIndex()
                || before.getStepStartedAt() == null || after.getStepStartedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(Instant.parse(before.getStepStartedAt()),
                Instant.parse(after.getStepStartedAt())));
    }

    private PhaseGauges registerPhase(Key key) {
        AtomicReference<RolloutPhase> current = new AtomicReference<>();
        List<Gauge> gauges = new ArrayList<>();
        for (RolloutPhase phase : RolloutPhase.values()) {
            gauges.add(Gauge.builder("veer.rollout.phase", current, c -> c.get() == phase ? 1 : 0)
                    .description("1 for the rollout's current phase")
                    .tag("namespace", key.namespace())
                    .tag("rollout", key.rollout())
                    .tag("phase", phase.name())
                    .register(registry));
            rollouts.track(key.namespace(), key.rollout(), gauges.get(gauges.size() - 1));
        }
        AtomicReference<Integer> step = new AtomicReference<>();
        AtomicReference<Integer> weight = new AtomicReference<>();
        gauges.add(Gauge.builder("veer.rollout.step", step, RolloutMetrics::valueOrNaN)
                .description("Index of the canary step being run")
                .tag("namespace", key.namespace())
                .tag("rollout", key.rollout())
                .register(registry));
        rollouts.track(key.namespace(), key.rollout(), gauges.get(gauges.size() - 1));
        gauges.add(Gauge.builder("veer.rollout.weight", weight, RolloutMetrics::valueOrNaN)
                .description("Percentage of traffic on the new version, as last verified by the router")
                .tag("namespace", key.namespace())
                .tag("rollout", key.rollout())
                .register(registry));
        rollouts.track(key.namespace(), key.rollout(), gauges.get(gauges.size() - 1));
        return new PhaseGauges(current, step, weight, gauges);
    }

    private static double valueOrNaN(AtomicReference<Integer> value) {
        Integer current = value.get();
        return current == null ? Double.NaN : current;
    }

    private record Key(String namespace, String rollout) {
    }

    private record PhaseGauges(AtomicReference<RolloutPhase> current, AtomicReference<Integer> step,
            AtomicReference<Integer> weight, List<Gauge> gauges) {
    }
}
