package dev.veer.configwatch;

import static dev.veer.configwatch.ConfigWatchFixtures.WAIT;
import static dev.veer.configwatch.ConfigWatchFixtures.condition;
import static dev.veer.configwatch.ConfigWatchFixtures.etcd;
import static dev.veer.configwatch.ConfigWatchFixtures.put;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.RolloutPhase;
import dev.veer.api.ServiceRollout;
import dev.veer.configwatch.plan.ConfigConditions;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.servers.EtcdServerExtension;
import dev.veer.testing.servers.PrometheusServerExtension;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code /q/metrics} before and after a deletion: every series that names a deleted ServiceRollout or ConfigWatch
 * (Veer's gauges, counters and timers, and JOSDK's per-resource series) goes promptly, and a sibling's stay.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class MetricSeriesCleanupTest {

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();
    @RegisterExtension
    static final EtcdServerExtension etcd = new EtcdServerExtension();

    @Inject
    KubernetesClient client;

    ConfigWatchFixtures cluster;
    Client kv;

    @BeforeEach
    void setUp() {
        cluster = new ConfigWatchFixtures(client);
        kv = Client.builder().endpoints(etcd.endpoint()).build();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
        kv.close();
    }

    @Test
    void everySeriesOfADeletedRolloutGoesAtOnceAndASiblingsStay() {
        String analysis = "{analysis: {metrics: [{name: zero, interval: 1s, count: 2, successCondition: \"result < 1\","
                + " provider: {prometheus: {address: \"" + prometheus.baseUri() + "\", query: \"vector(0)\"}}}]}}";
        String steps = "[{setWeight: 50}, " + analysis + ", {pause: {}}]";
        cluster.rolloutWithConfig("gone", steps, 600, "[]");
        cluster.rolloutWithConfig("kept", steps, 600, "[]");
        cluster.awaitRolloutHealthyAt("gone", 1);
        cluster.awaitRolloutHealthyAt("kept", 1);
        setImage("gone", "gone:2");
        setImage("kept", "kept:2");
        cluster.awaitRolloutStatus("gone", s -> assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused));
        cluster.awaitRolloutStatus("kept", s -> assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused));

        List<String> before = seriesNaming("rollout", "gone");
        assertThat(before).as("gauges, counters and timers of the rollout before its deletion")
                .anySatisfy(line -> assertThat(line).startsWith("veer_rollout_phase{"))
                .anySatisfy(line -> assertThat(line).startsWith("veer_rollout_step_duration_seconds_count{"))
                .anySatisfy(line -> assertThat(line).startsWith("veer_analysis_value{"))
                .anySatisfy(line -> assertThat(line).startsWith("veer_analysis_verdicts_total{"));
        assertThat(seriesNaming("name", "gone")).as("JOSDK's per-resource series").isNotEmpty();
        int siblings = seriesNaming("rollout", "kept").size();

        client.resources(ServiceRollout.class).inNamespace(cluster.namespace).withName("gone").delete();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(seriesNaming("rollout", "gone")).isEmpty();
            assertThat(seriesNaming("name", "gone")).isEmpty();
        });
        assertThat(seriesNaming("rollout", "kept")).hasSize(siblings);
    }

    @Test
    void everySeriesOfADeletedConfigWatchGoesAtOnceAndASiblingsStay() throws Exception {
        String prefix = "/series-" + UUID.randomUUID() + "/";
        put(kv, prefix + "a", "1");
        cluster.create("gone", etcd(etcd.endpoint(), prefix, null), "gone-config", "");
        cluster.create("kept", etcd(etcd.endpoint(), prefix, null), "kept-config", "");
        Consumer<dev.veer.api.ConfigWatchStatus> synced = s -> condition(s, ConfigConditions.READY, true,
                ConfigConditions.SYNCED);
        cluster.awaitStatus("gone", synced);
        cluster.awaitStatus("kept", synced);
        await().atMost(WAIT).untilAsserted(() -> assertThat(seriesNaming("configwatch", "gone"))
                .anySatisfy(line -> assertThat(line).startsWith("veer_configwatch_revision{"))
                .anySatisfy(line -> assertThat(line).startsWith("veer_configwatch_versions_total{")));
        assertThat(seriesNaming("name", "gone")).as("JOSDK's per-resource series").isNotEmpty();
        int siblings = seriesNaming("configwatch", "kept").size();

        client.resources(dev.veer.api.ConfigWatch.class).inNamespace(cluster.namespace).withName("gone").delete();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(seriesNaming("configwatch", "gone")).isEmpty();
            assertThat(seriesNaming("name", "gone")).isEmpty();
        });
        assertThat(seriesNaming("configwatch", "kept")).hasSize(siblings);
    }

    /** The lines of /q/metrics with label {@code label="name"} in this test's namespace. */
    private List<String> seriesNaming(String label, String name) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(line -> !line.startsWith("#"))
                .filter(line -> line.contains("namespace=\"" + cluster.namespace + "\""))
                .filter(line -> line.contains(label + "=\"" + name + "\""))
                .toList();
    }

    /** Read, change the image, update; again on a conflict (the operator writes the status meanwhile). */
    private void setImage(String name, String image) {
        await().atMost(WAIT).ignoreException(KubernetesClientException.class).until(() -> {
            ServiceRollout rollout = client.resources(ServiceRollout.class).inNamespace(cluster.namespace)
                    .withName(name).get();
            rollout.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            client.resource(rollout).update();
            return true;
        });
    }
}
