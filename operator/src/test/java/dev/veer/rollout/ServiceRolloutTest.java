package dev.veer.rollout;

import static dev.veer.rollout.RolloutFixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.api.Slot;
import dev.veer.common.Conditions;
import dev.veer.common.Labels;
import dev.veer.common.Ownership;
import dev.veer.rollout.plan.RolloutConditions;
import dev.veer.sandbox.SimulatedWorkloadController;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.MockApiServer.InjectWorkloads;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The real operator on the mock API server, with the simulated Deployment controller. */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class ServiceRolloutTest {

    @Inject
    KubernetesClient client;

    @InjectWorkloads
    SimulatedWorkloadController workloads;

    RolloutFixtures cluster;

    @BeforeEach
    void namespace() {
        cluster = new RolloutFixtures(client);
    }

    @Test
    void serviceSomeoneElseCreatedUnderTheStableNameIsNotTakenOverUntilHandedOver() {
        client.resource(new ServiceBuilder().withNewMetadata().withName("billing").withNamespace(cluster.namespace)
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("helm").withOperation("Update")
                        .withApiVersion("v1").build())
                .endMetadata().withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();

        cluster.create(RolloutFixtures.canary("billing", "billing:1", 2, "[{setWeight: 50}]"));

        var status = cluster.awaitStatus("billing", s -> {
            var invalid = Conditions.find(s.getConditions(), RolloutConditions.INVALID_SPEC);
            assertThat(invalid).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("True");
                assertThat(c.getReason()).isEqualTo(RolloutConditions.NAME_IN_USE);
            });
        });
        assertThat(Conditions.find(status.getConditions(), RolloutConditions.INVALID_SPEC).get().getMessage())
                .contains("Service " + cluster.namespace + "/billing", "helm");
        assertThat(Conditions.find(status.getConditions(), RolloutConditions.READY).get().getStatus())
                .isEqualTo("False");
        assertThat(cluster.selectorOf("billing")).isNullOrEmpty();

        client.services().inNamespace(cluster.namespace).withName("billing")
                .edit(s -> new ServiceBuilder(s).editMetadata().addToAnnotations(Ownership.ADOPT, "true")
                        .endMetadata().build());
        cluster.awaitHealthyAt("billing", 1);
        assertThat(cluster.selectorOf("billing")).containsEntry(Labels.SLOT, "blue");
    }

    @Test
    void canaryGoesThroughAllStepsToHealthy() {
        cluster.create(RolloutFixtures.canary("shop", "shop:1", 4, "[{setWeight: 25}, {pause: {duration: 1s}}, "
                + "{setWeight: 75}]"));
        var first = cluster.awaitHealthyAt("shop", 1);
        assertThat(first.getActiveSlot()).isEqualTo(Slot.BLUE);
        assertThat(cluster.selectorOf("shop")).containsEntry(Labels.SLOT, "blue");

        cluster.setImage("shop", "shop:2");
        cluster.awaitStatus("shop", s -> assertThat(s.getCanaryWeight()).isEqualTo(25));
        assertThat(cluster.replicasOf("shop-green")).isEqualTo(1);
        assertThat(cluster.replicasOf("shop-blue")).isEqualTo(3);
        assertThat(cluster.selectorOf("shop")).doesNotContainKey(Labels.SLOT);

        var done = cluster.awaitHealthyAt("shop", 2);
        assertThat(done.getActiveSlot()).isEqualTo(Slot.GREEN);
        assertThat(done.getCanaryRevision()).isNull();
        assertThat(cluster.imageOf("shop-green")).isEqualTo("shop:2");
        assertThat(cluster.selectorOf("shop")).containsEntry(Labels.SLOT, "green");
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.replicasOf("shop-blue")).isZero());
        assertThat(cluster.hasEvent("shop", "Promoted")).isTrue();
        assertThat(cluster.hasEvent("shop", "StepCompleted")).isTrue();
    }

    @Test
    void blueGreenServesThePreviewThenPromotesAndScalesTheOldVersionDownAfterTheDelay() {
        cluster.create(RolloutFixtures.blueGreen("cart", "cart:1", 3, false));
        cluster.awaitHealthyAt("cart", 1);
        assertThat(cluster.selectorOf("cart-preview")).containsEntry(Labels.SLOT, "blue");

        cluster.setImage("cart", "cart:2");
        var preview = cluster.awaitPhase("cart", RolloutPhase.Paused);
        assertThat(preview.getStage()).isEqualTo(RolloutStage.Preview);
        assertThat(cluster.selectorOf("cart")).containsEntry(Labels.SLOT, "blue");
        assertThat(cluster.selectorOf("cart-preview")).containsEntry(Labels.SLOT, "green");
        assertThat(cluster.imageOf("cart-green")).isEqualTo("cart:2");

        cluster.act("cart", "promote");
        var promoted = cluster.awaitHealthyAt("cart", 2);
        assertThat(promoted.getActiveSlot()).isEqualTo(Slot.GREEN);
        assertThat(cluster.selectorOf("cart")).containsEntry(Labels.SLOT, "green");
        assertThat(cluster.replicasOf("cart-blue")).as("old version kept during the scale-down delay").isEqualTo(3);
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.replicasOf("cart-blue")).isZero());
        assertThat(cluster.get("cart").getMetadata().getAnnotations()).doesNotContainKey(Labels.ACTION);
    }

    @Test
    void abortMidCanaryReturnsTrafficToStableAndHoldsTheNewVersion() {
        cluster.create(RolloutFixtures.canary("pay", "pay:1", 2, "[{setWeight: 50}, {pause: {}}]"));
        cluster.awaitHealthyAt("pay", 1);
        cluster.setImage("pay", "pay:2");
        cluster.awaitStatus("pay", s -> {
            assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused);
            assertThat(s.getCurrentStepIndex()).isEqualTo(1);
        });
        assertThat(cluster.selectorOf("pay")).doesNotContainKey(Labels.SLOT);

        cluster.act("pay", "abort");

        var aborted = cluster.awaitStatus("pay", s -> assertThat(s.getStage()).isEqualTo(RolloutStage.Aborted));
        assertThat(aborted.getPhase()).isEqualTo(RolloutPhase.Degraded);
        assertThat(aborted.getAbortReason()).isEqualTo("AbortedByUser");
        assertThat(aborted.getStableRevision()).isEqualTo(1);
        assertThat(cluster.selectorOf("pay")).containsEntry(Labels.SLOT, "blue");
        assertThat(cluster.replicasOf("pay-blue")).isEqualTo(2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.replicasOf("pay-green")).isZero());
        assertThat(cluster.hasEvent("pay", "Aborted")).isTrue();
    }

    @Test
    void newVersionMidRolloutReplacesTheCanaryAndRestartsTheSteps() {
        cluster.create(RolloutFixtures.canary("cat", "cat:1", 2, "[{setWeight: 50}, {pause: {}}]"));
        cluster.awaitHealthyAt("cat", 1);
        cluster.setImage("cat", "cat:2");
        cluster.awaitStatus("cat", s -> assertThat(s.getCurrentStepIndex()).isEqualTo(1));

        cluster.setImage("cat", "cat:3");

        var restarted = cluster.awaitStatus("cat", s -> {
            assertThat(s.getCanaryRevision()).isEqualTo(3);
            assertThat(s.getCurrentStepIndex()).isEqualTo(1);
            assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused);
        });
        assertThat(restarted.getStableRevision()).isEqualTo(1);
        assertThat(cluster.imageOf("cat-green")).isEqualTo("cat:3");
        assertThat(cluster.hasEvent("cat", "RolloutRestarted")).isTrue();
    }

    @Test
    void podsThatNeverBecomeReadyExceedTheDeadlineAndTrafficStaysOnStable() {
        workloads.neverReady(SimulatedWorkloadController.image("inv:broken"));
        cluster.create(RolloutFixtures.canary("inv", "inv:1", 2, "[{setWeight: 50}]")
                .replace("progressDeadlineSeconds: 600", "progressDeadlineSeconds: 2"));
        cluster.awaitHealthyAt("inv", 1);

        cluster.setImage("inv", "inv:broken");

        var degraded = cluster.awaitStatus("inv", s -> assertThat(s.getStage()).isEqualTo(RolloutStage.Aborted));
        assertThat(degraded.getAbortReason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(degraded.getCanaryWeight()).isZero();
        assertThat(cluster.selectorOf("inv")).containsEntry(Labels.SLOT, "blue");
    }
}
