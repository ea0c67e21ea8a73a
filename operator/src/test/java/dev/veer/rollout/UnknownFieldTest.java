package dev.veer.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.testing.MockApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An object with a field Veer's model does not know (the mock API server stores it; a real one prunes or refuses it)
 * does not stop the ServiceRollout informer: the rollouts created after it are still reconciled.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class UnknownFieldTest {

    @Inject
    KubernetesClient client;

    RolloutFixtures cluster;

    @BeforeEach
    void namespace() {
        cluster = new RolloutFixtures(client);
    }

    @Test
    void aRolloutWithAnUnknownFieldDoesNotStopTheOthersFromBeingReconciled() {
        GenericKubernetesResource bad = client.getKubernetesSerialization().unmarshal(
                RolloutFixtures.canary("typo", "app:1", 1, "[{setWeight: 50}]").replace("steps:", "stepz:"),
                GenericKubernetesResource.class);
        bad.getMetadata().setNamespace(cluster.namespace);
        client.resource(bad).create();
        assertThat(client.getKubernetesSerialization().asJson(bad)).contains("\"stepz\"");

        cluster.create(RolloutFixtures.canary("good", "app:1", 2, "[{setWeight: 50}]"));

        cluster.awaitHealthyAt("good", 1);
    }
}
