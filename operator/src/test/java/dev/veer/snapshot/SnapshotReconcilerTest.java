package dev.veer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.veer.api.ServiceRollout;
import dev.veer.api.Snapshot;
import dev.veer.common.ContentHash;
import dev.veer.testing.MockApiServer;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class SnapshotReconcilerTest {

    @Inject
    KubernetesClient client;

    private Snapshot snapshot(String owner, String image, boolean tamper) {
        ServiceRollout rollout = new ServiceRollout();
        rollout.setMetadata(new ObjectMetaBuilder().withName(owner).withNamespace("default").withUid(owner).build());
        PodTemplateSpec template = client.getKubernetesSerialization().unmarshal(
                "spec: {containers: [{name: app, image: \"" + image + "\"}]}", PodTemplateSpec.class);
        Snapshot snapshot = SnapshotFactory.ofRollout(rollout, 1, template, ContentHash.of(template), Instant.now());
        if (tamper) {
            snapshot.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image + "-edited");
        }
        return client.resource(snapshot).create();
    }

    private boolean warned(String snapshot) {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .anyMatch(e -> snapshot.equals(e.getInvolvedObject().getName())
                        && SnapshotReconciler.CONTENT_CHANGED.equals(e.getReason()) && "Warning".equals(e.getType()));
    }

    @Test
    void anEditedSnapshotIsReportedAndAnIntactOneIsNot() {
        Snapshot intact = snapshot("intact", "app:1", false);
        Snapshot edited = snapshot("edited", "app:1", true);

        await().atMost(Duration.ofSeconds(30)).until(() -> warned(edited.getMetadata().getName()));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> !warned(intact.getMetadata().getName()));
        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .filteredOn(e -> edited.getMetadata().getName().equals(e.getInvolvedObject().getName()))
                .singleElement().satisfies(e -> assertThat(e.getMessage()).contains("was edited"));
    }
}
