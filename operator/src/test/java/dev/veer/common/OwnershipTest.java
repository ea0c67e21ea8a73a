package dev.veer.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.rollout.model.RolloutObjects;
import dev.veer.sandbox.MockCluster;
import dev.veer.testing.Golden;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * {@link ResourceWriter} takes nothing that is not Veer's: an existing object of the name Veer would create, which it
 * did not create for this owner, gets no write and a {@link NameInUseException} naming it and its manager; the
 * annotation {@code veer.dev/adopt: "true"} hands it over. On the mock API server (a read-before-write decision, the
 * same on both write paths). The routers' kinds: {@code RouteOwnershipTest}.
 */
class OwnershipTest {

    private final ServiceRollout rollout = Golden.of("rollout-objects").input("rollout.yaml", ServiceRollout.class);
    private MockCluster cluster;
    private KubernetesClient client;
    private ResourceWriter writer;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        client = cluster.client();
        writer = new ResourceWriter(client, false);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void serviceSomeoneElseCreatedIsNotTakenOver() {
        Service theirs = client.resource(new ServiceBuilder().withMetadata(foreign("checkout"))
                .withNewSpec().withSelector(Map.of("app", "legacy")).endSpec().build()).create();

        assertNameInUse(() -> writer.apply(RolloutObjects.stableService(rollout,
                RolloutObjects.slotSelector(rollout, Slot.BLUE))), "Service", "checkout");

        assertUnchanged(theirs);
    }

    @Test
    void deploymentSomeoneElseCreatedIsNotTakenOver() {
        Deployment desired = RolloutObjects.deployment(rollout, Slot.BLUE, rollout.getSpec().getTemplate(), "abc",
                3);
        Deployment theirs = client.resource(new DeploymentBuilder(desired).withMetadata(foreign("checkout-blue"))
                .build()).create();

        assertNameInUse(() -> writer.apply(desired), "Deployment", "checkout-blue");

        assertUnchanged(theirs);
    }

    @Test
    void configMapSomeoneElseCreatedIsNotTakenOver() {
        ConfigMap theirs = client.resource(new ConfigMapBuilder().withMetadata(foreign("pricing-config"))
                .withData(Map.of("k", "theirs")).build()).create();

        assertNameInUse(() -> writer.apply(new ConfigMapBuilder().withMetadata(ours("pricing-config"))
                .withData(Map.of("k", "ours")).build()), "ConfigMap", "pricing-config");

        assertUnchanged(theirs);
    }

    @Test
    void secretSomeoneElseCreatedIsNotTakenOverEvenWhenVeerForcesItsApply() {
        Secret theirs = client.resource(new SecretBuilder().withMetadata(foreign("db-credentials"))
                .withData(Map.of("password", "c2VjcmV0")).build()).create();

        assertNameInUse(() -> writer.apply(new SecretBuilder().withMetadata(ours("db-credentials"))
                .withData(Map.of("password", "b3Vycw==")).build()), "Secret", "db-credentials");

        assertUnchanged(theirs);
    }

    @Test
    void objectOfAnotherOwnerOfTheSameNameIsNotTakenOver() {
        ObjectMeta otherRollout = ours("checkout-blue");
        otherRollout.getOwnerReferences().get(0).setUid("another-rollout-uid");
        Service theirs = client.resource(new ServiceBuilder().withMetadata(otherRollout).withNewSpec().endSpec()
                .build()).create();

        assertThatThrownBy(() -> writer.apply(RolloutObjects.slotService(rollout, Slot.BLUE)))
                .isInstanceOf(NameInUseException.class);
        assertUnchanged(theirs);
    }

    @Test
    void objectVeerCreatedForThisOwnerIsWritten() {
        writer.apply(RolloutObjects.slotService(rollout, Slot.BLUE));

        Service again = writer.apply(RolloutObjects.slotService(rollout, Slot.BLUE));

        assertThat(again.getMetadata().getOwnerReferences()).extracting(r -> r.getUid())
                .containsExactly(rollout.getMetadata().getUid());
    }

    @Test
    void annotationHandsAnExistingObjectOver() {
        ObjectMeta handedOver = foreign("checkout");
        handedOver.setAnnotations(Map.of(Ownership.ADOPT, "true"));
        client.resource(new ServiceBuilder().withMetadata(handedOver).withNewSpec()
                .withSelector(Map.of("app", "legacy")).endSpec().build()).create();

        Service written = writer.apply(RolloutObjects.stableService(rollout,
                RolloutObjects.slotSelector(rollout, Slot.BLUE)));

        // As with server-side apply: Veer's selector keys are set, the key another manager set stays theirs.
        assertThat(written.getSpec().getSelector()).containsAllEntriesOf(RolloutObjects.slotSelector(rollout,
                Slot.BLUE)).containsEntry("app", "legacy");
        assertThat(written.getMetadata().getOwnerReferences()).extracting(r -> r.getUid())
                .containsExactly(rollout.getMetadata().getUid());
        assertThat(written.getMetadata().getLabels()).containsAllEntriesOf(Labels.rollout("checkout"));
    }

    @Test
    void managerIsUnknownWhenTheObjectHasNoManagedFields() {
        Service theirs = new ServiceBuilder().withNewMetadata().withName("checkout").withNamespace("shop")
                .endMetadata().build();

        assertThat(Ownership.manager(theirs)).isEqualTo("unknown");
    }

    private void assertNameInUse(Runnable write, String kind, String name) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(NameInUseException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.name()).isEqualTo(name);
            assertThat(e.manager()).isEqualTo("helm");
            assertThat(e.getMessage()).contains(kind + " shop/" + name, "helm", "veer.dev/adopt=true");
        });
    }

    private void assertUnchanged(HasMetadata before) {
        HasMetadata after = client.resource(before).get();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
    }

    /** An object someone else made: no owner reference, managed by helm. */
    private static ObjectMeta foreign(String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace("shop")
                .withManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("helm").withOperation("Update")
                        .withApiVersion("v1").build()))
                .build();
    }

    private ObjectMeta ours(String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace("shop").withLabels(Labels.rollout("checkout"))
                .withOwnerReferences(OwnerReferences.controller(rollout)).build();
    }
}
