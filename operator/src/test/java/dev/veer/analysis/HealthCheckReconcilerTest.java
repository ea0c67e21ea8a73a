package dev.veer.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.veer.api.HealthCheck;
import dev.veer.common.Conditions;
import dev.veer.testing.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class HealthCheckReconcilerTest {

    @Inject
    KubernetesClient client;

    private HealthCheck create(String name, String condition) {
        HealthCheck healthCheck = client.getKubernetesSerialization().unmarshal("""
                apiVersion: veer.dev/v1alpha1
                kind: HealthCheck
                metadata: {name: %s, namespace: default}
                spec:
                  metrics:
                    - name: errors
                      successCondition: "%s"
                      provider: {prometheus: {address: "http://prometheus:9090", query: "up"}}
                """.formatted(name, condition), HealthCheck.class);
        return client.resource(healthCheck).create();
    }

    private HealthCheck awaitStatus(String name) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HealthCheck current = client.resources(HealthCheck.class).inNamespace("default").withName(name).get();
            return current.getStatus() != null && current.getStatus().getObservedGeneration() != null;
        });
        return client.resources(HealthCheck.class).inNamespace("default").withName(name).get();
    }

    @Test
    void aValidHealthCheckIsReady() {
        create("valid-hc", "result == 1");

        var status = awaitStatus("valid-hc").getStatus();
        assertThat(Conditions.isTrue(status.getConditions(), HealthCheckReconciler.READY)).isTrue();
        assertThat(Conditions.isTrue(status.getConditions(), HealthCheckReconciler.INVALID_SPEC)).isFalse();
    }

    @Test
    void anInvalidConditionIsReportedWithTheMetricThatHasIt() {
        create("broken-hc", "result ==");

        var status = awaitStatus("broken-hc").getStatus();
        assertThat(Conditions.isTrue(status.getConditions(), HealthCheckReconciler.READY)).isFalse();
        var invalid = Conditions.find(status.getConditions(), HealthCheckReconciler.INVALID_SPEC).get();
        assertThat(invalid.getStatus()).isEqualTo("True");
        assertThat(invalid.getMessage()).contains("errors").contains("successCondition");
    }
}
