package dev.veer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.veer.api.AnalysisPhase;
import dev.veer.api.MeasurementStatus;
import dev.veer.api.MeasurementVerdict;
import dev.veer.api.MetricRunStatus;

class AnalysisStateMachineTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** Verdicts are written S (successful), F (failed), I (inconclusive), E (error); count 0 means unset. */
    @ParameterizedTest(name = "[{0}] count={1} failureLimit={2} inconclusiveLimit={3} consecutiveErrorLimit={4} -> {5}")
    @CsvSource({
            "S S S,             3, 0, 0, 4, Successful",
            "S S,               3, 0, 0, 4, Running",
            "S F,               3, 0, 0, 4, Failed",
            "F S S,             3, 1, 0, 4, Successful",
            "F S F,             5, 1, 0, 4, Failed",
            "I,                 3, 0, 0, 4, Inconclusive",
            "I S S,             3, 0, 1, 4, Successful",
            "S I I,             5, 0, 1, 4, Inconclusive",
            "E E E E,           3, 0, 0, 4, Running",
            "E E E E E,         3, 0, 0, 4, Inconclusive",
            "E E E E S E E E E, 3, 0, 0, 4, Running",
            "E S E S E S,       3, 0, 0, 1, Successful",
            "E,                 3, 0, 0, 0, Inconclusive",
            "S S S S S S S S S, 0, 0, 0, 4, Running",
            "S S S S F,         0, 0, 0, 4, Failed",
            "S S F,             3, 0, 0, 4, Failed",
            "F F I,             3, 2, 0, 4, Inconclusive" })
    void metricPhaseFollowsTheLimitsAndTheCount(String verdicts, int count, int failureLimit, int inconclusiveLimit,
            int consecutiveErrorLimit, AnalysisPhase expected) {
        var rules = rules(count, failureLimit, inconclusiveLimit, consecutiveErrorLimit, false);
        assertThat(replay(rules, verdicts).getPhase()).isEqualTo(expected);
    }

    @Test
    void errorsAloneNeverMakeAMetricSuccessfulWhateverTheCount() {
        var rules = rules(1, 0, 0, 100, false);
        var metric = AnalysisStateMachine.newMetric(rules);
        for (int i = 0; i < 50; i++) {
            metric = AnalysisStateMachine.record(rules, metric, measurement(MeasurementVerdict.Error, i));
            assertThat(metric.getPhase()).isEqualTo(AnalysisPhase.Running);
        }
        metric = AnalysisStateMachine.record(rules(1, 0, 0, 4, false), metric,
                measurement(MeasurementVerdict.Error, 51));
        assertThat(metric.getPhase()).isEqualTo(AnalysisPhase.Inconclusive);
        assertThat(metric.getMessage()).startsWith("51 measurement errors in a row, more than consecutiveErrorLimit 4");
    }

    @Test
    void countsAreKeptForEveryMeasurementButOnlyTheLastTenMeasurementsAre() {
        var rules = rules(0, 100, 100, 100, false);
        var metric = replay(rules, "S F I E S S S S S S S F");

        assertThat(metric.getSuccessful()).isEqualTo(8);
        assertThat(metric.getFailed()).isEqualTo(2);
        assertThat(metric.getInconclusive()).isEqualTo(1);
        assertThat(metric.getErrors()).isEqualTo(1);
        assertThat(metric.getConsecutiveErrors()).isZero();
        assertThat(metric.getMeasurements()).hasSize(AnalysisStateMachine.KEPT_MEASUREMENTS);
        assertThat(metric.getMeasurements().get(0).getVerdict()).isEqualTo(MeasurementVerdict.Inconclusive);
        assertThat(metric.getMeasurements().get(9).getVerdict()).isEqualTo(MeasurementVerdict.Failed);
    }

    @Test
    void failedMetricMessageNamesTheLimitAndTheDecidingValue() {
        var metric = replay(rules(3, 0, 0, 4, false), "S F");
        assertThat(metric.getMessage()).isEqualTo("1 failed measurement(s), more than failureLimit 0; last: value 1 "
                + "was Failed");
    }

    @Test
    void firstMeasurementIsDueAtTheStartOrAfterTheInitialDelay() {
        var immediate = rules(3, 0, 0, 4, false);
        var delayed = new MetricRules("m", Duration.ofSeconds(30), Optional.of(Duration.ofMinutes(2)),
                OptionalInt.of(3), 0, 0, 4, false);

        assertThat(AnalysisStateMachine.dueAt(immediate, AnalysisStateMachine.newMetric(immediate), START))
                .contains(START);
        assertThat(AnalysisStateMachine.dueAt(delayed, AnalysisStateMachine.newMetric(delayed), START))
                .contains(START.plusSeconds(120));
        assertThat(AnalysisStateMachine.isDue(delayed, AnalysisStateMachine.newMetric(delayed), START,
                START.plusSeconds(119))).isFalse();
        assertThat(AnalysisStateMachine.isDue(delayed, AnalysisStateMachine.newMetric(delayed), START,
                START.plusSeconds(120))).isTrue();
    }

    @Test
    void nextMeasurementIsDueOneIntervalAfterTheLastAndNeverOnceDecided() {
        var rules = rules(2, 0, 0, 4, false);
        var once = AnalysisStateMachine.record(rules, AnalysisStateMachine.newMetric(rules),
                measurement(MeasurementVerdict.Successful, 7));
        assertThat(AnalysisStateMachine.dueAt(rules, once, START)).contains(START.plusSeconds(7 + 30));

        var done = AnalysisStateMachine.record(rules, once, measurement(MeasurementVerdict.Successful, 37));
        assertThat(done.getPhase()).isEqualTo(AnalysisPhase.Successful);
        assertThat(AnalysisStateMachine.dueAt(rules, done, START)).isEmpty();
    }

    @Test
    void runFailsOnAFailedMetricEvenWhileOthersRunAndFailedBeatsInconclusive() {
        var decision = AnalysisStateMachine.decideRun(List.of(
                metric("latency", AnalysisPhase.Inconclusive, false),
                metric("errors", AnalysisPhase.Failed, false),
                metric("saturation", AnalysisPhase.Running, false)));
        assertThat(decision.phase()).isEqualTo(AnalysisPhase.Failed);
        assertThat(decision.message()).isEqualTo("metric errors failed: errors is Failed");
    }

    @Test
    void runIsInconclusiveWhenAMetricIsAndNoneFailed() {
        var decision = AnalysisStateMachine.decideRun(List.of(metric("errors", AnalysisPhase.Successful, false),
                metric("latency", AnalysisPhase.Inconclusive, false)));
        assertThat(decision.phase()).isEqualTo(AnalysisPhase.Inconclusive);
        assertThat(decision.message()).startsWith("metric latency inconclusive: ");
    }

    @Test
    void runSucceedsOnceEveryDecidingMetricSucceededWhateverTheDryRunsDo() {
        var decision = AnalysisStateMachine.decideRun(List.of(metric("errors", AnalysisPhase.Successful, false),
                metric("experimental", AnalysisPhase.Failed, true)));
        assertThat(decision.phase()).isEqualTo(AnalysisPhase.Successful);
        assertThat(decision.message()).isEqualTo("all metrics successful: errors 0.5 (successful)");
    }

    @Test
    void dryRunFailureNeverDecidesTheRun() {
        var decision = AnalysisStateMachine.decideRun(List.of(metric("errors", AnalysisPhase.Running, false),
                metric("experimental", AnalysisPhase.Failed, true)));
        assertThat(decision.phase()).isEqualTo(AnalysisPhase.Running);
    }

    @Test
    void runOfDryRunsOnlySucceedsOnceTheyAreAllDone() {
        assertThat(AnalysisStateMachine.decideRun(List.of(metric("a", AnalysisPhase.Failed, true),
                metric("b", AnalysisPhase.Running, true))).phase()).isEqualTo(AnalysisPhase.Running);
        assertThat(AnalysisStateMachine.decideRun(List.of(metric("a", AnalysisPhase.Failed, true),
                metric("b", AnalysisPhase.Successful, true))).phase()).isEqualTo(AnalysisPhase.Successful);
    }

    @Test
    void dryRunMetricRecordsItsOwnPhaseAndSaysItDoesNotDecide() {
        var metric = replay(rules(3, 0, 0, 4, true), "F");
        assertThat(metric.getPhase()).isEqualTo(AnalysisPhase.Failed);
        assertThat(metric.getDryRun()).isTrue();
        assertThat(metric.getMessage()).endsWith("(dry run: does not decide)");
    }

    private static MetricRules rules(int count, int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit,
            boolean dryRun) {
        return new MetricRules("m", Duration.ofSeconds(30), Optional.empty(),
                count == 0 ? OptionalInt.empty() : OptionalInt.of(count), failureLimit, inconclusiveLimit,
                consecutiveErrorLimit, dryRun);
    }

    private static MetricRunStatus replay(MetricRules rules, String verdicts) {
        MetricRunStatus metric = AnalysisStateMachine.newMetric(rules);
        int second = 0;
        for (String letter : verdicts.trim().split("\\s+")) {
            MeasurementVerdict verdict = switch (letter) {
                case "S" -> MeasurementVerdict.Successful;
                case "F" -> MeasurementVerdict.Failed;
                case "I" -> MeasurementVerdict.Inconclusive;
                default -> MeasurementVerdict.Error;
            };
            metric = AnalysisStateMachine.record(rules, metric, measurement(verdict, second));
            second += 30;
        }
        return metric;
    }

    private static MeasurementStatus measurement(MeasurementVerdict verdict, int second) {
        return new MeasurementStatus(verdict, verdict == MeasurementVerdict.Error ? null : "1",
                START.plusSeconds(second).toString(), "value 1 was " + verdict);
    }

    private static MetricRunStatus metric(String name, AnalysisPhase phase, boolean dryRun) {
        var metric = new MetricRunStatus();
        metric.setName(name);
        metric.setPhase(phase);
        metric.setDryRun(dryRun ? Boolean.TRUE : null);
        metric.setMessage(name + " is " + phase);
        metric.setMeasurements(List.of(new MeasurementStatus(MeasurementVerdict.Successful, "0.5",
                START.toString(), "value 0.5 ok")));
        return metric;
    }
}
