package dev.veer.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.common.Labels;
import dev.veer.rollout.RolloutFixtures;
import dev.veer.testing.MockApiServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Alertmanager receiver on the operator's HTTP port, with real HTTP requests carrying webhook payloads (v4) as
 * Alertmanager sends them, against the real operator on the mock API server.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class AlertWebhookTest {

    private static final String TOKEN = "s3cret-webhook-token";

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry registry;

    RolloutFixtures cluster;

    @BeforeEach
    void world() {
        cluster = RolloutFixtures.inNewNamespace(client);
        client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata()
                .withName("veer-alertmanager-webhook").endMetadata()
                .addToData("token", java.util.Base64.getEncoder().encodeToString(TOKEN.getBytes())).build())
                .createOr(existing -> existing.update());
    }

    private void pausedCanary(String name) {
        cluster.create(RolloutFixtures.canaryWith(name, name + ":1", 2, "[{setWeight: 50}, {pause: {}}]", ""));
        cluster.awaitStatus(name, s -> assertThat(s.getPhase()).isEqualTo(RolloutPhase.Healthy));
        cluster.update(name, r -> r.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(name + ":2"));
        cluster.awaitStatus(name, s -> assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused));
    }

    private String payload(String status, String rollout, String namespace) {
        return """
                {"version": "4", "groupKey": "{}:{alertname=\\"HighErrorRate\\"}", "status": "%s", "receiver": "veer",
                 "groupLabels": {"alertname": "HighErrorRate"}, "commonLabels": {}, "commonAnnotations": {},
                 "externalURL": "http://alertmanager:9093", "truncatedAlerts": 0,
                 "alerts": [{"status": "%s",
                   "labels": {"alertname": "HighErrorRate", "veer_rollout": "%s", "namespace": "%s", "severity": "page"},
                   "annotations": {"summary": "5xx ratio 12%% on the canary"},
                   "startsAt": "2026-11-30T04:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                   "generatorURL": "http://prometheus:9090/graph", "fingerprint": "abc123"}]}
                """.formatted(status, status, rollout, namespace);
    }

    private double count(String result) {
        var counter = registry.find("veer.alert.webhook.requests").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aFiringAlertNamingARolloutThatRollsOutAbortsItWithReasonAlertFiring() {
        pausedCanary("shop");
        double accepted = count("accepted");

        given().header("Authorization", "Bearer " + TOKEN).contentType("application/json")
                .body(payload("firing", "shop", cluster.namespace())).post(AlertWebhook.PATH)
                .then().statusCode(200);

        var aborted = cluster.awaitStatus("shop", s -> assertThat(s.getStage()).isEqualTo(RolloutStage.Aborted));
        assertThat(aborted.getAbortReason()).isEqualTo("AlertFiring");
        assertThat(aborted.getAbortMessage()).contains("HighErrorRate").contains("5xx ratio 12% on the canary");
        assertThat(cluster.get("shop").getMetadata().getAnnotations()).doesNotContainKeys(Labels.ACTION,
                Labels.ACTION_REASON, Labels.ACTION_MESSAGE);
        assertThat(count("accepted")).isEqualTo(accepted + 1);
    }

    @Test
    void aHealthyRolloutIsNeverAbortedAndAResolvedAlertDoesNothing() {
        pausedCanary("cart");
        cluster.create(RolloutFixtures.canaryWith("calm", "calm:1", 1, "[{setWeight: 50}]", ""));
        cluster.awaitStatus("calm", s -> assertThat(s.getPhase()).isEqualTo(RolloutPhase.Healthy));

        given().header("Authorization", "Bearer " + TOKEN).body(payload("firing", "calm", cluster.namespace()))
                .post(AlertWebhook.PATH).then().statusCode(200);
        given().header("Authorization", "Bearer " + TOKEN).body(payload("resolved", "cart", cluster.namespace()))
                .post(AlertWebhook.PATH).then().statusCode(200);

        assertThat(cluster.get("calm").getMetadata().getAnnotations()).doesNotContainKey(Labels.ACTION);
        assertThat(cluster.get("cart").getMetadata().getAnnotations()).doesNotContainKey(Labels.ACTION);
        assertThat(cluster.get("cart").getStatus().getStage()).isEqualTo(RolloutStage.Canary);
    }

    @Test
    void aRequestWithoutTheTokenIsRefusedAndCounted() {
        pausedCanary("pay");
        double unauthorized = count("unauthorized");

        given().body(payload("firing", "pay", cluster.namespace())).post(AlertWebhook.PATH).then().statusCode(401);
        given().header("Authorization", "Bearer wrong").body(payload("firing", "pay", cluster.namespace()))
                .post(AlertWebhook.PATH).then().statusCode(401);

        assertThat(count("unauthorized")).isEqualTo(unauthorized + 2);
        assertThat(cluster.get("pay").getMetadata().getAnnotations()).doesNotContainKey(Labels.ACTION);
    }

    @Test
    void anOversizedOrMalformedBodyIsRefused() {
        given().header("Authorization", "Bearer " + TOKEN).body("x".repeat(300_000)).post(AlertWebhook.PATH)
                .then().statusCode(413);
        given().header("Authorization", "Bearer " + TOKEN).body("{\"version\": \"3\", \"alerts\": []}")
                .post(AlertWebhook.PATH).then().statusCode(400);
        given().header("Authorization", "Bearer " + TOKEN).body("not json").post(AlertWebhook.PATH)
                .then().statusCode(400);
    }

}
