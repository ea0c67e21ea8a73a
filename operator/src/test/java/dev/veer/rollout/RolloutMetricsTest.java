package dev.veer.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

/** The phase series per rollout, and the delete that drops every series of a rollout. */
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
    void aDeleteDropsEveryGaugeCounterAndTimerOfTheRolloutAndKeepsTheSiblingsAndTheNamespaceCounter() {
        ServiceRolloutStatus stepped = new ServiceRolloutStatus();
        stepped.setPhase(RolloutPhase.Progressing);
        stepped.setCanaryRevision(2);
        stepped.setCurrentStepIndex(0);
        stepped.setStepStartedAt(NOW.toString());
        for (String name : List.of("shop", "cart")) {
            ServiceRollout rollout = rollout(name);
            rollout.setStatus(stepped);
            metrics.passed(rollout, plan(RolloutPhase.Progressing, 1, NOW.plusSeconds(5), true));
            analysisMetrics.measured(new RolloutContext(name, "prod", Slot.GREEN, 2), "error-rate",
                    MeasurementVerdict.Successful, MetricValue.of(0.001));
        }
        assertThat(registry.find("veer.rollout.step.duration").tag("rollout", "cart").timers()).hasSize(1);

        metrics.series().forget("prod", "cart");

        assertThat(registry.getMeters()).filteredOn(m -> "cart".equals(m.getId().getTag("rollout"))).isEmpty();
        assertThat(registry.getMeters()).filteredOn(m -> "shop".equals(m.getId().getTag("rollout")))
                .as("4 phase gauges, step, weight, the step timer, the analysis value and verdict counter").hasSize(9);
        assertThat(registry.find("veer.rollbacks").tag("namespace", "prod").counters()).as("per namespace")
                .isNotEmpty();
        assertThat(metrics.tracked()).isEqualTo(1);
    }

    @Test
    void aPassThatEndsAfterTheDeleteRecordsNothingAndARolloutOfTheSameNameRecordsAgain() {
        metrics.passed(rollout("shop"), plan(RolloutPhase.Healthy));
        metrics.series().forget("prod", "shop");

        metrics.passed(rollout("shop"), plan(RolloutPhase.Paused));
        analysisMetrics.measured(new RolloutContext("shop", "prod", Slot.GREEN, 2), "error-rate",
                MeasurementVerdict.Successful, MetricValue.of(0.001));
        assertThat(registry.getMeters()).filteredOn(m -> "shop".equals(m.getId().getTag("rollout"))).isEmpty();

        metrics.series().revive("prod", "shop");
        metrics.passed(rollout("shop"), plan(RolloutPhase.Paused));
        assertThat(phase("shop", RolloutPhase.Paused)).isEqualTo(1.0);
    }

    @Test
    void onStartTheSeriesOfRolloutsTheCacheDoesNotHoldGo() {
        metrics.passed(rollout("shop"), plan(RolloutPhase.Healthy));
        metrics.passed(rollout("cart"), plan(RolloutPhase.Healthy));

        metrics.series().retainOnly(List.of("prod/shop"));

        assertThat(registry.find("veer.rollout.phase").tag("rollout", "cart").gauges()).isEmpty();
        assertThat(registry.find("veer.rollout.phase").tag("rollout", "shop").gauges()).hasSize(4);
        metrics.passed(rollout("cart"), plan(RolloutPhase.Healthy));
        assertThat(registry.find("veer.rollout.phase").tag("rollout", "cart").gauges()).as("not a deletion")
                .hasSize(4);
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

        metrics.series().forget("prod", "shop");
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

    /** A pass that moved to step {@code step} at {@code stepStartedAt}, and completed a rollback if told. */
    private static Plan plan(RolloutPhase phase, int step, Instant stepStartedAt, boolean rolledBack) {
        ServiceRolloutStatus status = new ServiceRolloutStatus();
        status.setPhase(phase);
        status.setCanaryRevision(2);
        status.setCurrentStepIndex(step);
        status.setStepStartedAt(stepStartedAt.toString());
        return new Plan(List.of(), status, List.of(), false, Optional.empty(),
                rolledBack ? Optional.of("AnalysisFailed") : Optional.empty());
    }
}
