package dev.veer.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

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
 * <li>{@code veer_rollbacks_total{namespace,reason}}: rollbacks completed (all traffic verified back on the stable
 * version), by abort reason.</li>
 * </ul>
 * Label values are bounded: names of existing rollouts, the phase enum, the planner's reason constants.
 */
@Singleton
public class RolloutMetrics {

    private final MeterRegistry registry;
    private final Map<Key, AtomicReference<RolloutPhase>> phases = new ConcurrentHashMap<>();

    public RolloutMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records what one pass did: the phase it left the rollout in, a step it completed, a rollback it completed. */
    void passed(ServiceRollout rollout, Plan plan) {
        String namespace = rollout.getMetadata().getNamespace();
        String name = rollout.getMetadata().getName();
        phases.computeIfAbsent(new Key(namespace, name), this::registerPhase).set(plan.status().getPhase());
        stepCompleted(rollout.getStatus(), plan.status()).ifPresent(duration -> Timer
                .builder("veer.rollout.step.duration")
                .description("Duration of completed canary steps")
                .tag("namespace", namespace)
                .tag("rollout", name)
                .register(registry)
                .record(duration));
        plan.rolledBack().ifPresent(reason -> Counter.builder("veer.rollbacks")
                .description("Rollbacks to the stable version, by reason")
                .tag("namespace", namespace)
                .tag("reason", reason)
                .register(registry)
                .increment());
    }

    /** A step that ended in this pass (same revision, a higher step index): from its start to the next one's. */
    private static java.util.Optional<Duration> stepCompleted(ServiceRolloutStatus before, ServiceRolloutStatus after) {
        if (before == null || before.getCurrentStepIndex() == null || after.getCurrentStepIndex() == null
                || before.getCanaryRevision() == null
                || !Objects.equals(before.getCanaryRevision(), after.getCanaryRevision())
                || after.getCurrentStepIndex() <= before.getCurrentStepIndex()
                || before.getStepStartedAt() == null || after.getStepStartedAt() == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.between(Instant.parse(before.getStepStartedAt()),
                Instant.parse(after.getStepStartedAt())));
    }

    private AtomicReference<RolloutPhase> registerPhase(Key key) {
        AtomicReference<RolloutPhase> current = new AtomicReference<>();
        Map<RolloutPhase, Gauge> gauges = new EnumMap<>(RolloutPhase.class);
        for (RolloutPhase phase : RolloutPhase.values()) {
            gauges.put(phase, Gauge.builder("veer.rollout.phase", current, c -> c.get() == phase ? 1 : 0)
                    .description("1 for the rollout's current phase")
                    .tag("namespace", key.namespace())
                    .tag("rollout", key.rollout())
                    .tag("phase", phase.name())
                    .register(registry));
        }
        return current;
    }

    private record Key(String namespace, String rollout) {
    }
}
