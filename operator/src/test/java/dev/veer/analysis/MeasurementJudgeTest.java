package dev.veer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.veer.api.MeasurementVerdict;
import dev.veer.api.NoDataPolicy;

class MeasurementJudgeTest {

    /** '-' leaves a condition unset; the value is a number, or 'empty' for no samples. */
    @ParameterizedTest(name = "success={0} failure={1} value={2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "result < 0.01 | -             | 0.005 | Successful",
            "result < 0.01 | -             | 0.5   | Failed",
            "-             | result > 0.01 | 0.005 | Successful",
            "-             | result > 0.01 | 0.5   | Failed",
            "result < 0.01 | result > 0.1  | 0.005 | Successful",
            "result < 0.01 | result > 0.1  | 0.05  | Inconclusive",
            "result < 0.01 | result > 0.1  | 0.5   | Failed",
            "result < 1    | result > 0    | 0.5   | Failed",
            "result < 0.01 | result > 0.1  | NaN   | Inconclusive",
            "result < 0.01 | -             | NaN   | Failed",
            "isNaN(result) | -             | NaN   | Successful",
            "result < 0.01 | -             | empty | Inconclusive",
            "result[1] > 0 | -             | 0.5   | Error" })
    void verdictFollowsTheConditions(String success, String failure, String value, MeasurementVerdict expected)
            throws Exception {
        var metric = metric(success, failure, NoDataPolicy.Inconclusive);
        MetricValue result = value.equals("empty") ? MetricValue.empty() : MetricValue.of(Double.parseDouble(value));
        assertThat(MeasurementJudge.judge(metric, result).verdict()).isEqualTo(expected);
    }

    @Test
    void noDataFailsWithNoDataFailAndTheConditionsDoNotRun() throws Exception {
        var judgement = MeasurementJudge.judge(metric("len(result) == 0", "-", NoDataPolicy.Fail), MetricValue.empty());
        assertThat(judgement.verdict()).isEqualTo(MeasurementVerdict.Failed);
        assertThat(judgement.message()).isEqualTo("no data: the query returned no samples (noData: Fail)");
    }

    @Test
    void messageNamesTheValueAndTheConditionThatDecided() throws Exception {
        var judgement = MeasurementJudge.judge(metric("result < 0.01", "result > 0.1", NoDataPolicy.Inconclusive),
                MetricValue.of(0.25, "0.25"));
        assertThat(judgement.message()).isEqualTo("value 0.25 meets failureCondition 'result > 0.1'");
    }

    private static ResolvedMetric metric(String success, String failure, NoDataPolicy noData)
            throws InvalidAnalysisException {
        return new ResolvedMetric("test", new MetricRules("m", Duration.ofSeconds(30), Optional.empty(),
                OptionalInt.empty(), 0, 0, 4, false), null, Duration.ofSeconds(10),
                success.equals("-") ? Optional.empty() : Optional.of(Condition.compile("successCondition", success)),
                failure.equals("-") ? Optional.empty() : Optional.of(Condition.compile("failureCondition", failure)),
                noData);
    }
}
