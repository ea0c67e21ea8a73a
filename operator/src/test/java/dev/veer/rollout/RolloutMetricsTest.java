package dev.veer.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.veer.analysis.AnalysisMetrics;
import dev.veer.analysis.MetricValue;
import dev.veer.analysis.RolloutContext;
import dev.veer.api.MeasurementVerdict;
import dev.veer.api.RolloutPhase;
import dev.veer.api.ServiceRollout;
import dev.veer.api.ServiceRolloutStatus;
import dev.veer.api.Slot;
import dev.veer.rollout.plan.Plan;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The phase series per rollout, and the sweep that drops the series of deleted rollouts. */
class RolloutMetricsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AnalysisMetrics analysisMetrics = new AnalysisMetrics(registry);
    private final RolloutMetrics metrics = new RolloutMetrics(registry, analysisMetrics);

    @Test
    void phaseIsOneForTheCurrentPhaseOnly() {
        metrics.passed(rollout("shop"), plan(RolloutPhase.Paused));

        assertThat(phase("shop", RolloutPhase.Paused)).isEqualTo(1.0);
        assertThat(phase("shop", RolloutPhase.Healthy)).isZero();

        metrics.passed(rollout("shop"), plan(RolloutPhase.Healthy));
        assertThat(phase("shop", RolloutPhase.Paused)).isZero();
        assertThat(phase("shop", RolloutPhase.Healthy)).isEqualTo(1.0);
    }

    @Test
    void sweepDropsTheSeriesOfRolloutsThatNoLongerExistAtMostOncePerInterval() {
        metrics.passed(rollout("shop"), plan(RolloutPhase.Healthy));
        metrics.passed(rollout("cart"), plan(RolloutPhase.Healthy));
        analysisMetrics.measured(new RolloutContext("cart", "prod", Slot.GREEN, 2), "error-rate",
                MeasurementVerdict.Successful, MetricValue.empty());

        metrics.sweep(NOW, () -> Stream.of(rollout("shop")));

        assertThat(metrics.tracked()).isEqualTo(1);
        assertThat(registry.find("veer.rollout.phase").tag("rollout", "cart").gauges()).isEmpty();
        assertThat(registry.find("veer.analysis.value").tag("rollout", "cart").gauges()).isEmpty();
        assertThat(registry.find("veer.rollout.phase").tag("rollout", "shop").gauges()).hasSize(4);

        metrics.sweep(NOW.plusSeconds(30), () -> {
            throw new AssertionError("no sweep within a minute of the last");
        });
        metrics.sweep(NOW.plus(RolloutMetrics.SWEEP_EVERY), Stream::empty);
        assertThat(metrics.tracked()).isZero();
    }

    @Test
    void stepAndWeightFollowTheStatusAndAreDroppedWithTheRollout() {
        ServiceRolloutStatus status = new ServiceRolloutStatus();
        status.setPhase(RolloutPhase.Paused);
        status.setCurrentStepIndex(2);
        status.setCanaryWeight(25);
        metrics.passed(rollout("shop"), new Plan(List.of(), status, List.of(), false, Optional.empty(),
                Optional.empty()));

        assertThat(registry.get("veer.rollout.step").tag("rollout", "shop").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("veer.rollout.weight").tag("rollout", "shop").gauge().value()).isEqualTo(25.0);

        metrics.passed(rollout("shop"), plan(RolloutPhase.Healthy));
        assertThat(registry.get("veer.rollout.step").tag("rollout", "shop").gauge().value()).isNaN();

        metrics.sweep(NOW, Stream::empty);
        assertThat(registry.find("veer.rollout.step").gauges()).isEmpty();
        assertThat(registry.find("veer.rollout.weight").gauges()).isEmpty();
    }

    private double phase(String rollout, RolloutPhase phase) {
        return registry.get("veer.rollout.phase").tag("rollout", rollout).tag("phase", phase.name()).gauge().value();
    }

    private static ServiceRollout rollout(String name) {
        ServiceRollout rollout = new ServiceRollout();
        rollout.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("prod").build());
        return rollout;
    }

    private static Plan plan(RolloutPhase phase) {
        ServiceRolloutStatus status = new ServiceRolloutStatus();
        status.setPhase(phase);
        return new Plan(List.of(), status, List.of(), false, Optional.empty(), Optional.empty());
    }
}
