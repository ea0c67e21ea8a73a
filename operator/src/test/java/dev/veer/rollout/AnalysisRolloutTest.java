package dev.veer.rollout;

import static dev.veer.rollout.RolloutFixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.AnalysisPhase;
import dev.veer.api.AnalysisRunStatus;
import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.api.ServiceRolloutStatus;
import dev.veer.api.Snapshot;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.Conditions;
import dev.veer.common.Labels;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.servers.PrometheusClient;
import dev.veer.testing.servers.PrometheusServer;
import dev.veer.testing.servers.PrometheusServerExtension;
import dev.veer.testing.servers.ServiceTraffic;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Rollouts judged by the built-in analyses on a real Prometheus: the real operator on the mock API server, the
 * simulated Deployment controller, and the series a micrometer-instrumented service would export for each slot,
 * pushed every half second through remote write. The canary slot of a second revision is {@code green}.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class AnalysisRolloutTest {

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();

    @Inject
    KubernetesClient client;

    RolloutFixtures cluster;
    final List<ServiceTraffic> traffic = new ArrayList<>();

    @BeforeEach
    void namespace() {
        cluster = new RolloutFixtures(client);
    }

    @AfterEach
    void stopTraffic() {
        traffic.forEach(ServiceTraffic::close);
    }

    @Test
    void healthyCanaryPassesItsAnalysisAndIsPromoted() {
        traffic("shop-green");
        cluster.create(RolloutFixtures.canary("shop", "shop:1", 4, "[{setWeight: 25}, "
                + analysisStep(prometheus.baseUri().toString(), "[error-rate, latency-p99]", 3)
                        .replace("]}}", ", {name: maxLatencySeconds, value: \"0.5\"}]}}") + ", {setWeight: 75}]"));
        cluster.awaitHealthyAt("shop", 1);

        cluster.setImage("shop", "shop:2");

        ServiceRolloutStatus done = cluster.awaitHealthyAt("shop", 2);
        AnalysisRunStatus run = done.getAnalysisRuns().get(0);
        assertThat(run.getName()).isEqualTo("step-1");
        assertThat(run.getPhase()).isEqualTo(AnalysisPhase.Successful);
        assertThat(run.getRevision()).isEqualTo(2);
        assertThat(run.getMetrics()).extracting(m -> m.getName()).containsExactly("error-rate", "latency-p99");
        assertThat(run.getMetrics()).allSatisfy(m -> assertThat(m.getSuccessful()).isEqualTo(3));
        assertThat(verdictOf("shop", 2)).isEqualTo(SnapshotVerdict.Promoted);
        assertThat(cluster.hasEvent("shop", "AnalysisSuccessful")).isTrue();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("veer_rollout_step_duration_seconds_count{namespace=\"" + cluster.namespace
                        + "\",rollout=\"shop\"} 3"))
                .body(containsString("veer_analysis_verdicts_total{metric=\"latency-p99\",namespace=\""
                        + cluster.namespace + "\",rollout=\"shop\",verdict=\"Successful\"} 3.0"));
    }

    @Test
    void errorRateOverTheThresholdRollsBackToStable() {
        ServiceTraffic canary = traffic("pay-green");
        cluster.create(RolloutFixtures.canary("pay", "pay:1", 4, "[{setWeight: 25}, "
                + analysisStep(prometheus.baseUri().toString(), "[error-rate]", 30) + ", {setWeight: 75}]"));
        cluster.awaitHealthyAt("pay", 1);
        cluster.setImage("pay", "pay:2");
        cluster.awaitStatus("pay", s -> assertThat(successful(s, "step-1")).isPositive());

        canary.errorRatio(0.2);

        ServiceRolloutStatus aborted = awaitAborted("pay");
        assertThat(aborted.getAbortReason()).isEqualTo("AnalysisFailed");
        assertThat(aborted.getAbortMessage()).startsWith("analysis step-1 of revision 2 failed: metric error-rate "
                + "failed").contains("meets failureCondition 'result > 0.01'");
        var degraded = Conditions.find(aborted.getConditions(), "Degraded").orElseThrow();
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo("AnalysisFailed");
        assertThat(degraded.getMessage()).as("the condition names the metric and the value")
                .contains(aborted.getAbortMessage()).containsPattern("value 0\\.\\d+ meets");
        assertThat(aborted.getCanaryWeight()).isZero();
        assertThat(cluster.selectorOf("pay")).containsEntry(Labels.SLOT, "blue");
        assertThat(cluster.replicasOf("pay-blue")).isEqualTo(4);
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.replicasOf("pay-green")).isZero());
        assertThat(verdictOf("pay", 2)).isEqualTo(SnapshotVerdict.Failed);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("veer_rollbacks_total{namespace=\"" + cluster.namespace
                        + "\",reason=\"AnalysisFailed\"} 1.0"))
                .body(containsString("veer_rollout_phase{namespace=\"" + cluster.namespace
                        + "\",phase=\"Degraded\",rollout=\"pay\"} 1.0"))
                .body(containsString("veer_rollout_phase{namespace=\"" + cluster.namespace
                        + "\",phase=\"Healthy\",rollout=\"pay\"} 0.0"));
        assertThat(cluster.hasEvent("pay", "AnalysisFailed")).isTrue();
    }

    @Test
    void latencyP99OverTheThresholdRollsBackDuringTheBackgroundAnalysis() {
        ServiceTraffic canary = traffic("cart-green");
        cluster.create(RolloutFixtures.canary("cart", "cart:1", 4, "[{setWeight: 25}, {pause: {}}]")
                .replace("      steps:", String.join("\n",
                        "      analysis:",
                        "        builtin: [latency-p99]",
                        "        args: " + args(prometheus.baseUri().toString(), 1000)
                                + ", {name: maxLatencySeconds, value: \"0.3\"}]",
                        "      steps:")));
        cluster.awaitHealthyAt("cart", 1);
        cluster.setImage("cart", "cart:2");
        cluster.awaitStatus("cart", s -> assertThat(successful(s, "background")).isPositive());

        canary.latencySeconds(0.8);

        ServiceRolloutStatus aborted = awaitAborted("cart");
        assertThat(aborted.getAbortReason()).isEqualTo("AnalysisFailed");
        assertThat(aborted.getAbortMessage()).startsWith("background analysis of revision 2 failed: metric latency-p99 "
                + "failed").contains("meets failureCondition 'result > 0.3'");
        assertThat(cluster.selectorOf("cart")).containsEntry(Labels.SLOT, "blue");
    }

    @Test
    void emptyResultPausesAndNeverPromotes() {
        cluster.create(RolloutFixtures.canary("cat", "cat:1", 2, "[{setWeight: 50}, "
                + analysisStep(prometheus.baseUri().toString(), "[error-rate]", 3) + "]"));
        cluster.awaitHealthyAt("cat", 1);

        cluster.setImage("cat", "cat:2");

        ServiceRolloutStatus paused = cluster.awaitStatus("cat", s -> {
            assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused);
            assertThat(Conditions.find(s.getConditions(), "Progressing").orElseThrow().getReason())
                    .isEqualTo("AnalysisInconclusive");
        });
        assertThat(paused.getMessage()).contains("no data: the query returned no samples");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> {
            ServiceRolloutStatus s = cluster.get("cat").getStatus();
            return s.getStage() == RolloutStage.Canary && s.getStableRevision() == 1 && s.getCanaryWeight() == 50;
        });
    }

    @Test
    void prometheusStoppedMidAnalysisIsInconclusiveNeverSuccessful() {
        try (PrometheusServer own = PrometheusServer.start()) {
            traffic(own.client(), "inv-green");
            cluster.create(RolloutFixtures.canary("inv", "inv:1", 2, "[{setWeight: 50}, "
                    + analysisStep(own.baseUri().toString(), "[error-rate]", 100) + "]"));
            cluster.awaitHealthyAt("inv", 1);
            cluster.setImage("inv", "inv:2");
            cluster.awaitStatus("inv", s -> assertThat(successful(s, "step-1")).isGreaterThanOrEqualTo(2));

            own.close();

            ServiceRolloutStatus paused = cluster.awaitStatus("inv", s -> {
                assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused);
                assertThat(run(s, "step-1").getPhase()).isEqualTo(AnalysisPhase.Inconclusive);
            });
            assertThat(paused.getMessage()).contains("measurement errors in a row, more than consecutiveErrorLimit 4")
                    .contains("cannot connect to Prometheus");
            assertThat(paused.getStableRevision()).isEqualTo(1);
            assertThat(paused.getStage()).isEqualTo(RolloutStage.Canary);
        }
    }

    @Test
    void blueGreenPrePromotionFailureKeepsTheActiveServiceOnTheOldVersion() {
        traffic("web-green").errorRatio(0.5);
        cluster.create(RolloutFixtures.blueGreen("web", "web:1", 2, true).replace("      scaleDownDelaySeconds: 2",
                String.join("\n",
                        "      scaleDownDelaySeconds: 2",
                        "      prePromotionAnalysis:",
                        "        builtin: [error-rate]",
                        "        args: " + args(prometheus.baseUri().toString(), 3) + "]")));
        cluster.awaitHealthyAt("web", 1);

        cluster.setImage("web", "web:2");

        ServiceRolloutStatus aborted = awaitAborted("web");
        assertThat(aborted.getAbortReason()).isEqualTo("AnalysisFailed");
        assertThat(aborted.getAbortMessage()).startsWith("analysis pre-promotion of revision 2 failed: metric error-rate");
        assertThat(aborted.getStableRevision()).isEqualTo(1);
        assertThat(cluster.selectorOf("web")).containsEntry(Labels.SLOT, "blue");
        assertThat(cluster.imageOf("web-blue")).isEqualTo("web:1");
        assertThat(cluster.hasEvent("web", "Promoted")).isFalse();
        assertThat(verdictOf("web", 2)).isEqualTo(SnapshotVerdict.Failed);
    }

    // --- helpers

    /** An analysis step in flow YAML: built-in templates measured every second, {@code count} times. */
    static String analysisStep(String address, String builtin, int count) {
        return "{analysis: {builtin: " + builtin + ", args: " + args(address, count) + "]}}";
    }

    /** The start of an args list (left open for more): the address, a 10 s window, every second, count times. */
    static String args(String address, int count) {
        return "[{name: address, value: \"" + address + "\"}, {name: window, value: 10s}, "
                + "{name: interval, value: 1s}, {name: count, value: \"" + count + "\"}";
    }

    private ServiceTraffic traffic(String service) {
        return traffic(prometheus.client(), service);
    }

    /** Starts the service's traffic and waits until Prometheus has a rate of it (two samples in the window). */
    private ServiceTraffic traffic(PrometheusClient target, String service) {
        ServiceTraffic started = ServiceTraffic.start(target, cluster.namespace, service);
        traffic.add(started);
        return started.awaitRate();
    }

    private ServiceRolloutStatus awaitAborted(String name) {
        return cluster.awaitStatus(name, s -> assertThat(s.getStage()).as("stage (%s)", s.getMessage())
                .isEqualTo(RolloutStage.Aborted));
    }

    private static AnalysisRunStatus run(ServiceRolloutStatus status, String name) {
        assertThat(status.getAnalysisRuns()).as("analysis runs").isNotNull();
        return status.getAnalysisRuns().stream().filter(r -> r.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no run " + name + " yet"));
    }

    /** Successful measurements of the run's first metric so far. */
    private static int successful(ServiceRolloutStatus status, String name) {
        var metrics = run(status, name).getMetrics();
        return metrics == null || metrics.isEmpty() ? 0 : metrics.get(0).getSuccessful();
    }

    private SnapshotVerdict verdictOf(String rollout, int revision) {
        return client.resources(Snapshot.class).inNamespace(cluster.namespace)
                .withLabel(Labels.OWNER, rollout).list().getItems().stream()
                .filter(s -> s.getSpec().getRevision() == revision).findFirst().orElseThrow()
                .getStatus().getVerdict();
    }
}
