package dev.veer.analysis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.AnalysisPhase;
import dev.veer.api.HealthCheck;
import dev.veer.api.Slot;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.servers.PrometheusServerExtension;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The application's {@link AnalysisRunner} and {@link AnalysisMetrics}: a HealthCheck read from the API server, a
 * query to the run's real Prometheus, and Veer's analysis metrics as {@code /q/metrics} exports them.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class AnalysisWiringTest {

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();

    @Inject
    AnalysisRunner runner;

    @Inject
    KubernetesClient client;

    @Test
    void runnerReadsTheHealthCheckFromTheApiServerAndExportsWhatItMeasured() {
        var metric = AnalysisFixtures.metric("tiny-error-rate", prometheus.baseUri().toString(),
                "scalar(vector(0.001))", "result < 0.01");
        metric.setCount(1);
        var healthCheck = new HealthCheck();
        healthCheck.setMetadata(new ObjectMetaBuilder().withName("tiny").withNamespace("wiring").build());
        healthCheck.setSpec(AnalysisFixtures.healthCheck(List.of(), metric));
        client.resource(healthCheck).create();

        AnalysisOutcome outcome = runner.run("step-0", AnalysisFixtures.templates(List.of("tiny")),
                new RolloutContext("cart", "wiring", Slot.BLUE, 1), null);

        assertThat(outcome.verdict().phase()).isEqualTo(AnalysisPhase.Successful);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString(
                        "veer_analysis_value{metric=\"tiny-error-rate\",namespace=\"wiring\",rollout=\"cart\"} 0.001"))
                .body(containsString("veer_analysis_verdicts_total{metric=\"tiny-error-rate\",namespace=\"wiring\","
                        + "rollout=\"cart\",verdict=\"Successful\"} 1.0"));
    }
}
