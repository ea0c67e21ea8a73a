package dev.veer.analysis;

import static dev.veer.analysis.AnalysisFixtures.declared;
import static dev.veer.analysis.AnalysisFixtures.healthCheck;
import static dev.veer.analysis.AnalysisFixtures.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.analysis.AnalysisFixtures.TestClock;
import dev.veer.analysis.prometheus.PrometheusMetricProvider;
import dev.veer.api.AnalysisArg;
import dev.veer.api.AnalysisPhase;
import dev.veer.api.AnalysisRunStatus;
import dev.veer.api.AnalysisSpec;
import dev.veer.api.MeasurementVerdict;
import dev.veer.api.MetricSpec;
import dev.veer.api.Slot;
import dev.veer.testing.servers.FreePort;
import dev.veer.testing.servers.PrometheusServerExtension;
import dev.veer.testing.servers.Sample;
import dev.veer.testing.servers.Series;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A whole analysis run against the run's real Prometheus, fed exact series through remote write: a HealthCheck with
 * an error-ratio threshold, judged on values below it, above it, and absent.
 */
class PrometheusAnalysisTest {

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();

    private final String run = "run-" + UUID.randomUUID();
    private final RolloutContext rollout = new RolloutContext("checkout", "shop", Slot.GREEN, 2);
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void errorRatioBelowTheThresholdIsSuccessful() {
        write(rollout.slot().label(), 0.002);

        AnalysisRunStatus status = runUntilDecided(analysis(), 3);

        assertThat(status.getPhase()).isEqualTo(AnalysisPhase.Successful);
        assertThat(status.getMessage()).isEqualTo("all metrics successful: error-ratio 0.002 (successful)");
        assertThat(status.getMetrics().get(0).getSuccessful()).isEqualTo(3);
    }

    @Test
    void errorRatioAboveTheThresholdFailsWithTheValueInTheMessage() {
        write(rollout.slot().label(), 0.2);

        AnalysisRunStatus status = runUntilDecided(analysis(), 3);

        assertThat(status.getPhase()).isEqualTo(AnalysisPhase.Failed);
        assertThat(status.getMessage()).isEqualTo("metric error-ratio failed: 1 failed measurement(s), more than "
                + "failureLimit 0; last: value 0.2 meets failureCondition 'result > 0.05'");
    }

    @Test
    void queryWithoutDataIsInconclusive() {
        write(rollout.slot().other().label(), 0.002);

        AnalysisRunStatus status = runUntilDecided(analysis(), 3);

        assertThat(status.getPhase()).isEqualTo(AnalysisPhase.Inconclusive);
        assertThat(status.getMessage()).isEqualTo("metric error-ratio inconclusive: 1 inconclusive measurement(s), "
                + "more than inconclusiveLimit 0; last: no data: the query returned no samples (noData: "
                + "Inconclusive)");
        assertThat(status.getMetrics().get(0).getMeasurements().get(0).getValue()).isEqualTo("[]");
    }

    @Test
    void unreachablePrometheusGivesErrorsThenInconclusiveNeverSuccessful() {
        MetricSpec metric = metric("error-ratio", "http://127.0.0.1:" + FreePort.allocate(), "up", "result < 1");
        metric.setCount(1);
        metric.setConsecutiveErrorLimit(2);
        var spec = new AnalysisSpec();
        spec.setMetrics(List.of(metric));

        AnalysisRunStatus status = runUntilDecided(spec, 5);

        assertThat(status.getPhase()).isEqualTo(AnalysisPhase.Inconclusive);
        assertThat(status.getMetrics().get(0).getErrors()).isEqualTo(3);
        assertThat(status.getMetrics().get(0).getMeasurements()).extracting(m -> m.getVerdict())
                .containsOnly(MeasurementVerdict.Error);
        assertThat(status.getMessage()).contains("3 measurement errors in a row, more than consecutiveErrorLimit 2")
                .contains("cannot connect to Prometheus at http://127.0.0.1:");
    }

    /** Runs passes 30 s apart on the test's clock until the run is decided; Prometheus answers in real time. */
    private AnalysisRunStatus runUntilDecided(AnalysisSpec spec, int maxPasses) {
        AnalysisRunner runner = runner();
        AnalysisRunStatus status = null;
        for (int pass = 0; pass < maxPasses + 1; pass++) {
            AnalysisOutcome outcome = runner.run("step-1", spec, rollout, status);
            status = outcome.status();
            if (outcome.verdict().isDecided()) {
                return status;
            }
            clock.advance(Duration.ofSeconds(30));
        }
        throw new AssertionError("not decided after " + maxPasses + " passes: " + status.getMessage());
    }

    private AnalysisRunner runner() {
        var healthCheck = healthCheck(List.of(declared("run", null), declared("max", "0.05")),
                metric("error-ratio", prometheus.baseUri().toString(),
                        "veer_it_error_ratio{run=\"{{args.run}}\",rollout=\"{{rollout}}\",slot=\"{{slot}}\"}",
                        "result <= {{args.max}}"));
        healthCheck.getMetrics().get(0).setFailureCondition("result > {{args.max}}");
        healthCheck.getMetrics().get(0).setCount(3);
        var resolver = AnalysisFixtures.resolver(Map.of("shop/error-ratio", healthCheck));
        return new AnalysisRunner(resolver, new PrometheusMetricProvider((namespace, ref) -> {
            throw new AssertionError("no credentials expected");
        }), new AnalysisMetrics(new SimpleMeterRegistry()), clock);
    }

    private AnalysisSpec analysis() {
        return AnalysisFixtures.templates(List.of("error-ratio"), new AnalysisArg("run", run));
    }

    private void write(String slot, double ratio) {
        prometheus.remoteWrite(Series.of("veer_it_error_ratio", Map.of("run", run, "rollout", "checkout", "slot", slot),
                Sample.at(Instant.now().truncatedTo(ChronoUnit.MILLIS), ratio)));
    }
}
