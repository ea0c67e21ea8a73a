package dev.veer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.api.Slot;
import dev.veer.common.Labels;
import dev.veer.e2e.cluster.E2eOperator;
import dev.veer.e2e.cluster.RolloutYaml;
import dev.veer.e2e.cluster.Rollouts;

class BlueGreenE2ETest {

    @RegisterExtension
    static final E2eOperator veer = E2eOperator.running();

    @Test
    void newVersionWaitsBehindThePreviewThenTakesAllTrafficAndTheOldOneGoesAfterTheDelay() {
        Rollouts rollouts = veer.rollouts();
        rollouts.create(RolloutYaml.blueGreen("cart", 3, "1", false, 8));
        rollouts.awaitHealthyAt("cart", 1);
        assertThat(rollouts.selectorOf("cart")).containsEntry(Labels.SLOT, "blue");

        rollouts.setVersion("cart", "2", true);

        var preview = rollouts.awaitStatus("cart", s -> {
            assertThat(s.getPhase()).as("phase (%s)", s.getMessage()).isEqualTo(RolloutPhase.Paused);
            assertThat(s.getStage()).isEqualTo(RolloutStage.Preview);
        });
        assertThat(preview.getCanaryRevision()).isEqualTo(2);
        assertThat(rollouts.selectorOf("cart")).as("active Service").containsEntry(Labels.SLOT, "blue");
        assertThat(rollouts.selectorOf("cart-preview")).as("preview Service").containsEntry(Labels.SLOT, "green");
        await("preview at full size").atMost(Rollouts.WAIT).untilAsserted(() -> assertThat(
                rollouts.deployment("cart-green").getStatus().getReadyReplicas()).isEqualTo(3));

        rollouts.act("cart", "promote");

        var promoted = rollouts.awaitHealthyAt("cart", 2);
        assertThat(promoted.getActiveSlot()).isEqualTo(Slot.GREEN);
        assertThat(rollouts.selectorOf("cart")).containsEntry(Labels.SLOT, "green");
        assertThat(rollouts.replicasOf("cart-blue")).as("old version kept during the scale-down delay").isEqualTo(3);
        await().atMost(Rollouts.WAIT).untilAsserted(() -> assertThat(rollouts.replicasOf("cart-blue")).isZero());
        assertThat(rollouts.get("cart").getMetadata().getAnnotations()).doesNotContainKey(Labels.ACTION);
    }
}
