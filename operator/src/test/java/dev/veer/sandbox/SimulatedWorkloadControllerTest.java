package dev.veer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

class SimulatedWorkloadControllerTest {

    private static MockCluster cluster;
    private static SimulatedWorkloadController workloads;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = MockCluster.start();
        client = cluster.client();
        workloads = SimulatedWorkloadController.start(client);
    }

    @AfterAll
    static void stop() {
        workloads.close();
        cluster.close();
    }

    @Test
    void deploymentBecomesReadyWithAllReplicasAndObservedGeneration() {
        client.resource(deployment("ready-at-once", "app:v1", 3)).create();

        Deployment ready = awaitStatus("ready-at-once", 3);
        assertThat(ready.getStatus().getReplicas()).isEqualTo(3);
        assertThat(ready.getStatus().getUpdatedReplicas()).isEqualTo(3);
        assertThat(ready.getStatus().getAvailableReplicas()).isEqualTo(3);
        assertThat(ready.getMetadata().getGeneration()).isNotNull();
        assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
        assertThat(ready.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Available")
                && c.getStatus().equals("True"));
    }

    @Test
    void scalingFollowsSpecReplicas() {
        client.resource(deployment("scales", "app:v1", 1)).create();
        awaitStatus("scales", 1);

        client.apps().deployments().inNamespace("default").withName("scales").scale(4);

        awaitStatus("scales", 4);
    }

    @Test
    void podsOfAnImageMarkedNeverReadyStayUnready() {
        workloads.neverReady(SimulatedWorkloadController.image("app:broken"));
        client.resource(deployment("never-ready", "app:broken", 2)).create();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Deployment d = get("never-ready");
            assertThat(d.getStatus()).isNotNull();
            assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(2);
            assertThat(d.getStatus().getReadyReplicas()).isZero();
            assertThat(d.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Available")
                    && c.getStatus().equals("False"));
        });
    }

    @Test
    void delayedReadinessHoldsPodsUnreadyUntilTheDelayHasPassed() {
        workloads.readyAfter(SimulatedWorkloadController.image("app:slow"), Duration.ofMillis(1500));
        Instant created = Instant.now();
        client.resource(deployment("slow", "app:slow", 1)).create();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Deployment d = get("slow");
            assertThat(d.getStatus()).isNotNull();
            assertThat(d.getStatus().getReadyReplicas()).isZero();
        });
        awaitStatus("slow", 1);
        assertThat(Duration.between(created, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    private Deployment awaitStatus(String name, int readyReplicas) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Deployment d = get(name);
            assertThat(d.getStatus()).isNotNull();
            assertThat(d.getStatus().getReadyReplicas()).isEqualTo(readyReplicas);
        });
        return get(name);
    }

    private Deployment get(String name) {
        return client.apps().deployments().inNamespace("default").withName(name).get();
    }

    static Deployment deployment(String name, String image, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
