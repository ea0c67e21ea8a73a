package dev.veer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.api.Slot;
import dev.veer.common.Labels;
import dev.veer.e2e.cluster.E2eOperator;
import dev.veer.e2e.cluster.PodReadiness;
import dev.veer.e2e.cluster.RolloutYaml;
import dev.veer.e2e.cluster.Rollouts;

/** Canary rollouts with traffic through the stable Service's selector, on a real API server and controller-manager. */
class CanaryE2ETest {

    @RegisterExtension
    static final E2eOperator veer = E2eOperator.running();

    @Test
    void canaryWalksEveryStepToHealthyWithTheWeightReadBackAtEachStep() {
        Rollouts rollouts = veer.rollouts();
        rollouts.create(RolloutYaml.canary("shop", 4,
                "[{setWeight: 25}, {pause: {}}, {setWeight: 50}, {pause: {}}, {setWeight: 75}, {pause: {}}]", "1", 3));
        var first = rollouts.awaitHealthyAt("shop", 1);
        assertThat(first.getActiveSlot()).isEqualTo(Slot.BLUE);
        assertThat(rollouts.selectorOf("shop")).containsEntry(Labels.SLOT, "blue");

        rollouts.setVersion("shop", "2", true);

        int[] weights = { 25, 50, 75 };
        for (int i = 0; i < weights.length; i++) {
            int weight = weights[i];
            int pauseStep = 2 * i + 1;
            var paused = rollouts.awaitStatus("shop", s -> {
                assertThat(s.getPhase()).as("phase (%s)", s.getMessage()).isEqualTo(RolloutPhase.Paused);
                assertThat(s.getCurrentStepIndex()).isEqualTo(pauseStep);
                assertThat(s.getCanaryWeight()).as("weight read back at step %d", pauseStep).isEqualTo(weight);
            });
            assertThat(paused.getCanaryRevision()).isEqualTo(2);
            assertThat(paused.getStableRevision()).isEqualTo(1);
            assertThat(rollouts.replicasOf("shop-green")).as("canary pods at %d%%", weight).isEqualTo(weight * 4 / 100);
            assertThat(rollouts.selectorOf("shop")).as("the stable Service selects both versions")
                    .doesNotContainKey(Labels.SLOT);
            rollouts.act("shop", "promote");
        }

        var done = rollouts.awaitHealthyAt("shop", 2);
        assertThat(done.getActiveSlot()).isEqualTo(Slot.GREEN);
        assertThat(done.getCanaryRevision()).isNull();
        assertThat(rollouts.selectorOf("shop")).containsEntry(Labels.SLOT, "green");
        await().atMost(Rollouts.WAIT).untilAsserted(() -> assertThat(rollouts.replicasOf("shop-blue")).isZero());
        assertThat(rollouts.hasEvent("shop", "Promoted")).isTrue();
    }

    @Test
    void abortMidCanaryMovesTrafficToStableBeforeTheCanaryIsScaledDown() {
        Rollouts rollouts = veer.rollouts();
        rollouts.create(RolloutYaml.canary("pay", 2, "[{setWeight: 50}, {pause: {}}]", "1", 5));
        rollouts.awaitHealthyAt("pay", 1);
        rollouts.setVersion("pay", "2", true);
        rollouts.awaitStatus("pay", s -> {
            assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused);
            assertThat(s.getCurrentStepIndex()).isEqualTo(1);
            assertThat(s.getCanaryWeight()).isEqualTo(50);
        });
        assertThat(rollouts.selectorOf("pay")).doesNotContainKey(Labels.SLOT);

        rollouts.act("pay", "abort");

        // The Service is read before the Deployment: a selector on the stable slot seen together with canary pods
        // still wanted means the traffic moved first. Had the canary been scaled down first, this never holds.
        await("stable selector while the canary still has replicas").atMost(Rollouts.WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "blue".equals(rollouts.selectorOf("pay").get(Labels.SLOT))
                        && rollouts.replicasOf("pay-green") > 0);
        var aborted = rollouts.awaitStatus("pay", s -> assertThat(s.getStage()).isEqualTo(RolloutStage.Aborted));
        assertThat(aborted.getPhase()).isEqualTo(RolloutPhase.Degraded);
        assertThat(aborted.getAbortReason()).isEqualTo("AbortedByUser");
        assertThat(aborted.getCanaryWeight()).isZero();
        assertThat(aborted.getStableRevision()).isEqualTo(1);
        assertThat(rollouts.replicasOf("pay-blue")).isEqualTo(2);
        await().atMost(Rollouts.WAIT).untilAsserted(() -> assertThat(rollouts.replicasOf("pay-green")).isZero());
        assertThat(rollouts.selectorOf("pay")).containsEntry(Labels.SLOT, "blue");
    }

    @Test
    void versionThatNeverBecomesReadyEndsDegradedWithStableAtFullSizeAndNoTraffic() {
        Rollouts rollouts = veer.rollouts();
        rollouts.create(RolloutYaml.canary("inv", 2, "[{setWeight: 50}, {pause: {}}]", "1", 3)
                .replace("progressDeadlineSeconds: 600", "progressDeadlineSeconds: 15"));
        rollouts.awaitHealthyAt("inv", 1);

        rollouts.setVersion("inv", "broken", false);

        var degraded = rollouts.awaitStatus("inv", s -> assertThat(s.getStage()).as("stage (%s)", s.getMessage())
                .isEqualTo(RolloutStage.Aborted));
        assertThat(degraded.getPhase()).isEqualTo(RolloutPhase.Degraded);
        assertThat(degraded.getAbortReason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(degraded.getCanaryWeight()).isZero();
        assertThat(degraded.getStableRevision()).isEqualTo(1);
        assertThat(rollouts.selectorOf("inv")).containsEntry(Labels.SLOT, "blue");
        assertThat(rollouts.replicasOf("inv-blue")).isEqualTo(2);
        await("stable at full size").atMost(Rollouts.WAIT).untilAsserted(() -> assertThat(
                rollouts.deployment("inv-blue").getStatus().getAvailableReplicas()).isEqualTo(2));
        assertThat(veer.client().pods().inNamespace(rollouts.namespace()).withLabel(Labels.SLOT, "green").list()
                .getItems()).as("pods of the broken version").allSatisfy(pod -> {
                    assertThat(PodReadiness.isMeantToNeverBeReady(pod)).isTrue();
                    assertThat(PodReadiness.isRunningAndReady(pod)).isFalse();
                });
    }
}
