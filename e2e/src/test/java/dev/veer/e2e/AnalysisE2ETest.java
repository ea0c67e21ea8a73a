package dev.veer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.AnalysisPhase;
import dev.veer.api.AnalysisRunStatus;
import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.api.ServiceRolloutStatus;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.Conditions;
import dev.veer.common.Labels;
import dev.veer.e2e.cluster.E2eOperator;
import dev.veer.e2e.cluster.RolloutYaml;
import dev.veer.e2e.cluster.Rollouts;
import dev.veer.testing.servers.PrometheusServerExtension;
import dev.veer.testing.servers.ServiceTraffic;

/**
 * Step analyses on a real Prometheus started by the suite on 127.0.0.1 (the operator runs on this host and reaches
 * it). The canary slot of a rollout's second revision is {@code green}; its Service is {@code <rollout>-green}, the
 * built-in templates' default {@code service} arg. Series are fed by remote write, as micrometer would export them.
 */
class AnalysisE2ETest {

    @RegisterExtension
    static final E2eOperator veer = E2eOperator.running();

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();

    private final List<ServiceTraffic> traffic = new ArrayList<>();

    @AfterEach
    void stopTraffic() {
        traffic.forEach(ServiceTraffic::close);
    }

    @Test
    void healthyCanaryPassesItsStepAnalysisAndIsPromoted() {
        Rollouts rollouts = veer.rollouts();
        traffic("shop-green");
        rollouts.create(RolloutYaml.canary("shop", 2, "[{setWeight: 50}, " + analysisStep(3) + "]", "1", 2));
        rollouts.awaitHealthyAt("shop", 1);

        rollouts.setVersion("shop", "2", true);

        ServiceRolloutStatus done = rollouts.awaitHealthyAt("shop", 2);
        AnalysisRunStatus run = run(done, "step-1");
        assertThat(run.getPhase()).isEqualTo(AnalysisPhase.Successful);
        assertThat(run.getRevision()).isEqualTo(2);
        assertThat(run.getMetrics()).singleElement().satisfies(m -> assertThat(m.getSuccessful()).isEqualTo(3));
        assertThat(verdict(rollouts, "shop", 2)).isEqualTo(SnapshotVerdict.Promoted);
    }

    @Test
    void errorRateOverTheThresholdRollsBackToStable() {
        Rollouts rollouts = veer.rollouts();
        ServiceTraffic canary = traffic("pay-green");
        rollouts.create(RolloutYaml.canary("pay", 2, "[{setWeight: 50}, " + analysisStep(60) + "]", "1", 2));
        rollouts.awaitHealthyAt("pay", 1);
        rollouts.setVersion("pay", "2", true);
        rollouts.awaitStatus("pay", s -> assertThat(successful(run(s, "step-1"))).isPositive());

        canary.errorRatio(0.2);

        ServiceRolloutStatus aborted = rollouts.awaitStatus("pay",
                s -> assertThat(s.getStage()).as("stage (%s)", s.getMessage()).isEqualTo(RolloutStage.Aborted));
        assertThat(aborted.getPhase()).isEqualTo(RolloutPhase.Degraded);
        assertThat(aborted.getAbortReason()).isEqualTo("AnalysisFailed");
        assertThat(aborted.getAbortMessage()).contains("metric error-rate").contains("failureCondition");
        assertThat(aborted.getCanaryWeight()).isZero();
        assertThat(rollouts.selectorOf("pay")).containsEntry(Labels.SLOT, "blue");
        await().atMost(Rollouts.WAIT).untilAsserted(() -> assertThat(rollouts.replicasOf("pay-green")).isZero());
        await().atMost(Rollouts.WAIT).untilAsserted(
                () -> assertThat(verdict(rollouts, "pay", 2)).isEqualTo(SnapshotVerdict.Failed));
    }

    @Test
    void analysisWithoutDataPausesTheRolloutAndNeverPromotes() {
        Rollouts rollouts = veer.rollouts();
        rollouts.create(RolloutYaml.canary("cat", 2, "[{setWeight: 50}, " + analysisStep(3) + "]", "1", 2));
        rollouts.awaitHealthyAt("cat", 1);

        rollouts.setVersion("cat", "2", true);

        ServiceRolloutStatus paused = rollouts.awaitStatus("cat", s -> {
            assertThat(s.getPhase()).as("phase (%s)", s.getMessage()).isEqualTo(RolloutPhase.Paused);
            assertThat(Conditions.find(s.getConditions(), "Progressing").orElseThrow().getReason())
                    .isEqualTo("AnalysisInconclusive");
        });
        assertThat(run(paused, "step-1").getPhase()).isEqualTo(AnalysisPhase.Inconclusive);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> {
            ServiceRolloutStatus s = rollouts.get("cat").getStatus();
            return s.getStage() == RolloutStage.Canary && Integer.valueOf(1).equals(s.getStableRevision())
                    && Integer.valueOf(50).equals(s.getCanaryWeight());
        });
    }

    /** An error-rate step analysis of the canary slot, measured every second {@code count} times, 10 s window. */
    private static String analysisStep(int count) {
        return "{analysis: {builtin: [error-rate], args: [{name: address, value: \"" + prometheus.baseUri()
                + "\"}, {name: window, value: 10s}, {name: interval, value: 1s}, {name: count, value: \"" + count
                + "\"}]}}";
    }

    private ServiceTraffic traffic(String service) {
        ServiceTraffic started = ServiceTraffic.start(prometheus.client(), veer.namespace(), service);
        traffic.add(started);
        return started.awaitRate();
    }

    private static AnalysisRunStatus run(ServiceRolloutStatus status, String name) {
        assertThat(status.getAnalysisRuns()).as("analysis runs").isNotNull();
        return status.getAnalysisRuns().stream().filter(r -> r.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no run " + name + " yet"));
    }

    /** Successful measurements of the run's first metric so far (none before its first measurement). */
    private static int successful(AnalysisRunStatus run) {
        var metrics = run.getMetrics();
        return metrics == null || metrics.isEmpty() ? 0 : metrics.get(0).getSuccessful();
    }

    private static SnapshotVerdict verdict(Rollouts rollouts, String owner, int revision) {
        return rollouts.snapshotsOf(owner).stream().filter(s -> s.getSpec().getRevision() == revision).findFirst()
                .map(s -> s.getStatus() == null ? SnapshotVerdict.Pending : s.getStatus().getVerdict())
                .orElseThrow(() -> new AssertionError("no snapshot of revision " + revision));
    }
}
