package dev.veer.analysis;

import static dev.veer.analysis.AnalysisFixtures.CHECKOUT;
import static dev.veer.analysis.AnalysisFixtures.healthCheck;
import static dev.veer.analysis.AnalysisFixtures.inline;
import static dev.veer.analysis.AnalysisFixtures.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.veer.analysis.AnalysisFixtures.TestClock;
import dev.veer.api.AnalysisPhase;
import dev.veer.api.AnalysisRunStatus;
import dev.veer.api.AnalysisSpec;
import dev.veer.api.HealthCheckSpec;
import dev.veer.api.MeasurementVerdict;
import dev.veer.api.MetricSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The runner with a scripted provider (what it answers is not the point here) and a clock the test moves. */
class AnalysisRunnerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClock clock = new TestClock(T0);
    private final ScriptedProvider provider = new ScriptedProvider();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, HealthCheckSpec> healthChecks = new HashMap<>();
    private final AnalysisRunner runner = new AnalysisRunner(AnalysisFixtures.resolver(healthChecks), provider,
            new AnalysisMetrics(registry), clock);
    private AnalysisRunStatus status;

    @Test
    void measuresOnlyWhenDueAndSaysWhenTheNextMeasurementIsDue() {
        MetricSpec errors = metric("errors", "result < 0.01");
        errors.setInitialDelay("1m");
        errors.setCount(2);
        AnalysisSpec spec = inline(errors);
        provider.script("errors", 0.001, 0.002);

        assertThat(pass(spec).nextDueAt()).contains(T0.plusSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        assertThat(pass(spec).nextDueAt()).contains(T0.plusSeconds(60));
        assertThat(provider.calls).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(pass(spec).nextDueAt()).contains(T0.plusSeconds(90));
        clock.advance(Duration.ofSeconds(10));
        pass(spec);
        assertThat(provider.calls).isEqualTo(1);
        assertThat(status.getPhase()).isEqualTo(AnalysisPhase.Running);
    }

    @Test
    void runSucceedsAfterItsCountOfGoodMeasurementsAndThenMeasuresNothingMore() {
        MetricSpec errors = metric("errors", "result < 0.01");
        errors.setCount(3);
        provider.script("errors", 0.001, 0.004, 0.002);

        for (int i = 0; i < 3; i++) {
            pass(inline(errors));
            clock.advance(Duration.ofSeconds(30));
        }
        AnalysisOutcome last = pass(inline(errors));

        assertThat(last.verdict().phase()).isEqualTo(AnalysisPhase.Successful);
        assertThat(last.verdict().decidingMessage()).isEqualTo("all metrics successful: errors 0.002 (successful)");
        assertThat(last.nextDueAt()).isEmpty();
        assertThat(provider.calls).isEqualTo(3);
        assertThat(status.getMetrics().get(0).getMeasurements()).extracting(m -> m.getValue())
                .containsExactly("0.001", "0.004", "0.002");
    }

    @Test
    void failedMeasurementFailsTheRunNamingTheMetricAndTheValue() {
        MetricSpec errors = metric("errors", "result < 0.01");
        errors.setCount(5);
        provider.script("errors", 0.001, 0.12);

        pass(inline(errors));
        clock.advance(Duration.ofSeconds(30));
        AnalysisOutcome outcome = pass(inline(errors));

        assertThat(outcome.verdict().isFailed()).isTrue();
        assertThat(outcome.verdict().decidingMessage()).isEqualTo("metric errors failed: 1 failed measurement(s), "
                + "more than failureLimit 0; last: value 0.12 does not meet successCondition 'result < 0.01'");
        assertThat(outcome.nextDueAt()).isEmpty();
    }

    @Test
    void providerErrorsMakeTheRunInconclusiveAfterTheConsecutiveErrorLimitNeverSuccessful() {
        MetricSpec errors = metric("errors", "result < 0.01");
        errors.setCount(1);
        errors.setConsecutiveErrorLimit(2);
        provider.failWith("errors", "cannot connect to Prometheus at http://prometheus:9090: ConnectException");

        for (int i = 0; i < 3; i++) {
            assertThat(pass(inline(errors)).verdict().phase()).isNotEqualTo(AnalysisPhase.Successful);
            clock.advance(Duration.ofSeconds(30));
        }

        assertThat(status.getPhase()).isEqualTo(AnalysisPhase.Inconclusive);
        assertThat(status.getMessage()).isEqualTo("metric errors inconclusive: 3 measurement errors in a row, more "
                + "than consecutiveErrorLimit 2; last: cannot connect to Prometheus at http://prometheus:9090: "
                + "ConnectException");
        assertThat(status.getMetrics().get(0).getMeasurements()).allSatisfy(
                m -> assertThat(m.getVerdict()).isEqualTo(MeasurementVerdict.Error));
    }

    @Test
    void missingHealthCheckIsAnErrorAndTheRunResumesOnceItExists() {
        AnalysisSpec spec = AnalysisFixtures.templates(List.of("errors"));

        AnalysisOutcome missing = pass(spec);
        assertThat(missing.verdict().isInvalid()).isTrue();
        assertThat(missing.verdict().decidingMessage()).isEqualTo("HealthCheck errors not found in namespace shop");
        assertThat(missing.nextDueAt()).isEmpty();

        healthChecks.put("shop/errors", healthCheck(List.of(), metric("errors", "result < 0.01")));
        provider.script("errors", 0.001);
        clock.advance(Duration.ofSeconds(5));
        AnalysisOutcome resumed = pass(spec);
        assertThat(resumed.verdict().phase()).isEqualTo(AnalysisPhase.Running);
        assertThat(resumed.nextDueAt()).contains(T0.plusSeconds(35));
        assertThat(status.getStartedAt()).isEqualTo(T0.toString());
    }

    @Test
    void dryRunMetricIsMeasuredButTheOtherMetricsDecide() {
        MetricSpec errors = metric("errors", "result < 0.01");
        errors.setCount(1);
        MetricSpec experimental = metric("experimental", "result < 0.01");
        experimental.setDryRun(true);
        provider.script("errors", 0.001);
        provider.script("experimental", 0.9);

        AnalysisOutcome outcome = pass(inline(errors, experimental));

        assertThat(outcome.verdict().isSuccessful()).isTrue();
        assertThat(status.getMetrics().get(1).getPhase()).isEqualTo(AnalysisPhase.Failed);
        assertThat(status.getMetrics().get(1).getDryRun()).isTrue();
    }

    @Test
    void decidedRunIsReturnedUnchanged() {
        MetricSpec errors = metric("errors", "result < 0.01");
        errors.setCount(1);
        provider.script("errors", 0.5);
        pass(inline(errors));
        String decided = status.getMessage();

        clock.advance(Duration.ofMinutes(5));
        assertThat(pass(inline(errors)).nextDueAt()).isEmpty();
        assertThat(status.getMessage()).isEqualTo(decided);
        assertThat(provider.calls).isEqualTo(1);
    }

    @Test
    void eachMeasurementIsExportedAsAValueGaugeAndAVerdictCounter() {
        MetricSpec errors = metric("errors", "result < 0.01");
        provider.script("errors", 0.004, 0.3);

        pass(inline(errors));
        assertThat(registry.get("veer.analysis.value").tags("rollout", "checkout", "namespace", "shop", "metric",
                "errors").gauge().value()).isEqualTo(0.004);
        clock.advance(Duration.ofSeconds(30));
        pass(inline(errors));

        assertThat(registry.get("veer.analysis.value").gauge().value()).isEqualTo(0.3);
        assertThat(registry.get("veer.analysis.verdicts").tags("metric", "errors", "verdict", "Successful")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("veer.analysis.verdicts").tags("metric", "errors", "verdict", "Failed")
                .counter().count()).isEqualTo(1);
    }

    /** One reconcile pass: the status goes through JSON, as it does through the API server. */
    private AnalysisOutcome pass(AnalysisSpec spec) {
        AnalysisOutcome outcome = runner.run("step-1", spec, CHECKOUT, status);
        status = JSON.convertValue(JSON.valueToTree(outcome.status()), AnalysisRunStatus.class);
        return outcome;
    }

    /** Answers each metric's scripted values in turn, or fails as told. */
    private static final class ScriptedProvider implements MetricProvider {
        private final Map<String, Deque<Double>> values = new HashMap<>();
        private final Map<String, String> failures = new HashMap<>();
        int calls;

        void script(String metric, Double... next) {
            values.computeIfAbsent(metric, m -> new ArrayDeque<>()).addAll(List.of(next));
        }

        void failWith(String metric, String message) {
            failures.put(metric, message);
        }

        @Override
        public MetricValue measure(ResolvedMetric metric, String namespace) throws MeasurementException {
            calls++;
            if (failures.containsKey(metric.name())) {
                throw new MeasurementException(failures.get(metric.name()));
            }
            return MetricValue.of(values.get(metric.name()).removeFirst());
        }
    }
}
