package dev.veer.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.veer.api.ServiceRollout;
import dev.veer.api.Snapshot;
import dev.veer.api.SnapshotVerdict;
import dev.veer.api.Slot;
import dev.veer.configwatch.model.ConfigObjects;
import dev.veer.rollout.model.RolloutObjects;
import dev.veer.snapshot.SnapshotFactory;
import dev.veer.testing.Golden;
import dev.veer.testing.RecordingApiServer;
import dev.veer.testing.RecordingApiServer.Request;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;

/**
 * The exact requests {@link ResourceWriter} sends to a real API server for each kind Veer owns or edits (the routers'
 * own kinds: {@code RouterApplyRequestTest}): a server-side apply (PATCH, {@code application/apply-patch+yaml},
 * {@code fieldManager=veer}, {@code force=true}) holding only Veer's fields. Bodies are golden files under
 * {@code golden/server-side-apply}.
 */
class ServerSideApplyRequestTest {

    private final RecordingApiServer server = new RecordingApiServer();
    private final ResourceWriter writer = new ResourceWriter(server.client(), true);
    private final Golden golden = Golden.of("server-side-apply");
    private final ServiceRollout rollout = Golden.of("rollout-objects").input("rollout.yaml", ServiceRollout.class);
    private final PodTemplateSpec template = rollout.getSpec().getTemplate();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void slotDeploymentIsAppliedWithoutWhatTheServerFillsIn() {
        Deployment desired = RolloutObjects.deployment(rollout, Slot.BLUE, template, "5d8f7c9b6a", 3);
        withServerFields(desired);
        desired.setStatus(new DeploymentStatusBuilder().withReplicas(3).withReadyReplicas(3).build());

        writer.apply(desired);

        Request apply = onlyWrite("/apis/apps/v1/namespaces/shop/deployments/checkout-blue");
        golden.assertMatches("apply-deployment-blue.yaml", apply.json());
    }

    @Test
    void scalingAppliesOnlyTheReplicasOfTheScaleSubresource() {
        Deployment green = RolloutObjects.deployment(rollout, Slot.GREEN, template, "5d8f7c9b6a", 1);
        server.serve("/apis/apps/v1/namespaces/shop/deployments/checkout-green", green);

        writer.scale(green, 4);

        Request apply = onlyWrite("/apis/apps/v1/namespaces/shop/deployments/checkout-green/scale");
        assertThat(apply.json()).isEqualTo(server.client().getKubernetesSerialization().convertValue(Map.of(
                "apiVersion", "autoscaling/v1", "kind", "Scale",
                "metadata", Map.of("name", "checkout-green", "namespace", "shop"),
                "spec", Map.of("replicas", 4)), JsonNode.class));
    }

    @Test
    void slotAndStableServicesAreAppliedWithVeersFieldsOnly() {
        writer.apply(RolloutObjects.slotService(rollout, Slot.BLUE));
        writer.apply(RolloutObjects.stableService(rollout, RolloutObjects.slotSelector(rollout, Slot.BLUE)));
        writer.apply(RolloutObjects.slotService(rollout, Slot.GREEN));

        List<Request> writes = server.writes();
        assertThat(writes).hasSize(3);
        golden.assertMatches("apply-service-blue.yaml", writes.get(0).json());
        golden.assertMatches("apply-service-stable.yaml", writes.get(1).json());
        golden.assertMatches("apply-service-green.yaml", writes.get(2).json());
        writes.forEach(w -> assertApply(w, w.path().split("\\?")[0]));
    }

    @Test
    void configMapAndSecretAreAppliedWithTheirContentLabelsAndOwner() {
        writer.apply(withServerFields(new ConfigMapBuilder().withMetadata(owned("pricing-config"))
                .withImmutable(true).withData(Map.of("application.yaml", "discount: 5\n")).build()));
        writer.apply(withServerFields(new SecretBuilder().withMetadata(owned("pricing-secret")).withType("Opaque")
                .withData(Map.of("token", "czNjcjN0")).build()));

        List<Request> writes = server.writes();
        assertApply(writes.get(0), "/api/v1/namespaces/shop/configmaps/pricing-config");
        assertApply(writes.get(1), "/api/v1/namespaces/shop/secrets/pricing-secret");
        golden.assertMatches("apply-configmap.yaml", writes.get(0).json());
        golden.assertMatches("apply-secret.yaml", writes.get(1).json());
    }

    @Test
    void snapshotIsAppliedWithoutStatus() {
        writer.apply(SnapshotFactory.ofRollout(rollout, 2, template, "5d8f7c9b6a",
                Instant.parse("2026-11-30T00:00:00Z")));

        Request apply = onlyWrite("/apis/veer.dev/v1alpha1/namespaces/shop/snapshots/checkout-5d8f7c9b6a");
        golden.assertMatches("apply-snapshot.yaml", apply.json());
    }

    @Test
    void snapshotVerdictIsAppliedToTheStatusSubresourceWithNothingButTheStatus() {
        Snapshot snapshot = withServerFields(SnapshotFactory.ofRollout(rollout, 2, template, "5d8f7c9b6a",
                Instant.parse("2026-11-30T00:00:00Z")));
        snapshot.setStatus(SnapshotFactory.verdict(SnapshotVerdict.Promoted, "RolloutCompleted", "promoted",
                Instant.parse("2026-11-30T00:05:00Z")));

        writer.applyStatus(snapshot);

        Request apply = server.writes().get(server.writes().size() - 1);
        assertApply(apply, "/apis/veer.dev/v1alpha1/namespaces/shop/snapshots/checkout-5d8f7c9b6a/status");
        assertThat(apply.json().properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("apiVersion", "kind", "metadata", "status");
        assertThat(apply.json().get("metadata").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("name", "namespace");
        assertThat(apply.json().at("/status/verdict").asText()).isEqualTo("Promoted");
    }

    @Test
    void consumerDeploymentGetsOnlyThePodTemplateAnnotation() {
        Deployment consumer = withServerFields(new DeploymentBuilder().withNewMetadata().withName("inventory")
                .withNamespace("shop").endMetadata().withNewSpec().withReplicas(2).withTemplate(template).endSpec()
                .build());

        writer.applyTo(consumer, ConfigObjects.consumerAnnotation(consumer, "veer.dev/config-hash-pricing", "abc"));

        Request apply = onlyWrite("/apis/apps/v1/namespaces/shop/deployments/inventory");
        assertThat(apply.json()).isEqualTo(server.client().getKubernetesSerialization().convertValue(Map.of(
                "apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "inventory", "namespace", "shop"),
                "spec", Map.of("template", Map.of("metadata",
                        Map.of("annotations", Map.of("veer.dev/config-hash-pricing", "abc"))))), JsonNode.class));
    }

    private Request onlyWrite(String path) {
        assertThat(server.writes()).hasSize(1);
        Request request = server.writes().get(0);
        assertApply(request, path);
        return request;
    }

    private io.fabric8.kubernetes.api.model.ObjectMeta owned(String name) {
        return new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace("shop")
                .withLabels(Labels.rollout("checkout")).withOwnerReferences(OwnerReferences.controller(rollout))
                .build();
    }

    /** PATCH to {@code path}, server-side apply by field manager veer, forced, with none of the server's fields. */
    private static void assertApply(Request request, String path) {
        assertThat(request.method()).isEqualTo("PATCH");
        assertThat(request.path()).startsWith(path + "?");
        assertThat(request.path().substring(path.length() + 1).split("&"))
                .containsExactlyInAnyOrder("fieldManager=veer", "force=true");
        assertThat(request.contentType()).startsWith("application/apply-patch+yaml");
        assertThat(request.json().has("status") && !request.path().contains("/status?"))
                .as("status in the apply body").isFalse();
        assertThat(request.json().get("metadata").properties()).extracting(Map.Entry::getKey)
                .doesNotContain("resourceVersion", "uid", "managedFields", "creationTimestamp", "generation");
    }

    private static <T extends HasMetadata> T withServerFields(T object) {
        object.getMetadata().setResourceVersion("4711");
        object.getMetadata().setUid("0b7a5f4e-5c1d-4f39-8d8e-8b5d3f0c1a22");
        object.getMetadata().setCreationTimestamp("2026-11-30T00:00:00Z");
        object.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl")
                .withOperation("Update").withApiVersion(object.getApiVersion()).build()));
        return object;
    }
}
