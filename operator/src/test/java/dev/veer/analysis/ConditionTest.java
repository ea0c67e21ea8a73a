package dev.veer.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionTest {

    private static final MetricValue LOW = MetricValue.of(0.005);
    private static final MetricValue HIGH = MetricValue.of(0.97);
    private static final MetricValue NAN = MetricValue.of(Double.NaN);
    private static final MetricValue EMPTY = MetricValue.empty();
    private static final MetricValue TWO = MetricValue.list(List.of(MetricValue.of(0.2), MetricValue.of(0.98)));

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of("result < 0.01", LOW, true),
                Arguments.of("result < 0.01", HIGH, false),
                Arguments.of("result < 0.01", NAN, false),
                Arguments.of("result < 1", LOW, true),
                Arguments.of("result == 0", MetricValue.of(0), true),
                Arguments.of("result[0] >= 0.95", HIGH, true),
                Arguments.of("result[0] >= 0.95", LOW, false),
                Arguments.of("result[0] >= 0.95", TWO, false),
                Arguments.of("result[1] >= 0.95", TWO, true),
                Arguments.of("isNaN(result)", NAN, true),
                Arguments.of("isNaN(result)", LOW, false),
                Arguments.of("isNaN(result[0])", NAN, true),
                Arguments.of("len(result) == 0", EMPTY, true),
                Arguments.of("len(result) == 0", LOW, false),
                Arguments.of("len(result) == 1", LOW, true),
                Arguments.of("len(result) == 2", TWO, true),
                Arguments.of("size(result) == 1", LOW, true),
                Arguments.of("result > 0 and result < 0.01", LOW, true),
                Arguments.of("result > 0 && result < 0.01", HIGH, false),
                Arguments.of("isNaN(result) or result < 0.01", NAN, true),
                Arguments.of("isNaN(result) || result < 0.01", HIGH, false),
                Arguments.of("result * 100 < 1", LOW, true),
                Arguments.of("100 * result > 90", HIGH, true),
                Arguments.of("result + 1 > 1.5", HIGH, true),
                Arguments.of("1 - result < 0.05", HIGH, true),
                Arguments.of("result / 2 < 0.01", LOW, true),
                Arguments.of("(result - 0.9) * 10 > 0.5", HIGH, true),
                Arguments.of("result >= 0.5 && !isNaN(result)", HIGH, true),
                Arguments.of("result.all(x, x < 0.99)", TWO, true),
                Arguments.of("result.exists(x, x > 0.99)", TWO, false),
                Arguments.of("len(result) == 0 || result.all(x, x < 0.5)", EMPTY, true));
    }

    @ParameterizedTest(name = "{0} on {1} is {2}")
    @MethodSource("verdicts")
    void conditionsJudgeScalarsVectorsEmptyResultsAndNaN(String expression, MetricValue value, boolean expected)
            throws Exception {
        assertThat(Condition.compile("successCondition", expression).test(value)).isEqualTo(expected);
    }

    @Test
    void andOrInsideStringLiteralsAndAsFieldNamesAreLeftAlone() {
        assertThat(KeywordOperators.toCel("'a and b' == \"or\" or x.and")).isEqualTo("'a and b' == \"or\" || x.and");
        assertThat(KeywordOperators.toCel("band or order")).isEqualTo("band || order");
    }

    @Test
    void andIsRewrittenWithoutMovingLaterColumns() {
        assertThat(KeywordOperators.toCel("result<1 and result>0")).isEqualTo("result<1 &&  result>0");
    }

    @Test
    void syntaxErrorNamesTheConditionAndTheColumn() {
        assertThatThrownBy(() -> Condition.compile("failureCondition", "result <"))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessageStartingWith("failureCondition 'result <' does not compile: column 9:");
    }

    @Test
    void unknownNamesAreRejectedAtCompileTime() {
        assertThatThrownBy(() -> Condition.compile("successCondition", "rate < 0.01"))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessageContaining("undeclared reference to 'rate'");
        assertThatThrownBy(() -> Condition.compile("successCondition", "exec('rm') == 1"))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessageContaining("undeclared reference to 'exec'");
    }

    @Test
    void expressionThatIsNotTrueOrFalseIsRejectedAtCompileTimeWhenItsTypeIsKnown() {
        assertThatThrownBy(() -> Condition.compile("successCondition", "1 + 2"))
                .isInstanceOf(InvalidAnalysisException.class);
    }

    @Test
    void expressionThatGivesANumberFailsTheMeasurementNotTheCompile() throws Exception {
        Condition condition = Condition.compile("successCondition", "result");
        assertThatThrownBy(() -> condition.test(LOW)).isInstanceOf(MeasurementException.class)
                .hasMessageContaining("must give true or false, but gave 0.005");
    }

    @Test
    void comparingAListWithANumberIsAMeasurementErrorThatShowsTheValue() throws Exception {
        Condition condition = Condition.compile("successCondition", "result < 0.01");
        assertThatThrownBy(() -> condition.test(TWO)).isInstanceOf(MeasurementException.class)
                .hasMessageStartingWith("successCondition 'result < 0.01' cannot be evaluated on [0.2, 0.98]: ")
                .hasMessageContaining("_<_");
    }

    @Test
    void indexBeyondASingleSampleIsAMeasurementError() throws Exception {
        Condition condition = Condition.compile("successCondition", "result[1] > 0");
        assertThatThrownBy(() -> condition.test(LOW)).isInstanceOf(MeasurementException.class)
                .hasMessageContaining("index 1 out of range");
    }

    @Test
    void emptyConditionIsInvalid() {
        assertThatThrownBy(() -> Condition.compile("successCondition", " "))
                .isInstanceOf(InvalidAnalysisException.class).hasMessage("successCondition is empty");
    }
}
