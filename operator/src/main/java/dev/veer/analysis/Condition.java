package dev.veer.analysis;

import java.util.Map;
import java.util.stream.Collectors;

import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * A compiled successCondition or failureCondition: a CEL expression over {@code result}, true or false. See
 * {@link ConditionLanguage} for what an expression may use. Compiling checks syntax, names and types as far as they
 * are known before the result is; a condition that cannot handle the result it gets (a comparison on a list, an index
 * out of range) fails when it is evaluated, which is a measurement error.
 */
public final class Condition {

    private final String role;
    private final String source;
    private final CelRuntime.Program program;

    private Condition(String role, String source, CelRuntime.Program program) {
        this.role = role;
        this.source = source;
        this.program = program;
    }

    /**
     * Compiles {@code expression}.
     *
     * @param role what the expression is, for messages: {@code successCondition} or {@code failureCondition}
     * @throws InvalidAnalysisException with each problem and its column
     */
    public static Condition compile(String role, String expression) throws InvalidAnalysisException {
        if (expression == null || expression.isBlank()) {
            throw new InvalidAnalysisException(role + " is empty");
        }
        try {
            var ast = ConditionLanguage.COMPILER.compile(KeywordOperators.toCel(expression)).getAst();
            return new Condition(role, expression, ConditionLanguage.RUNTIME.createProgram(ast));
        } catch (CelValidationException e) {
            throw new InvalidAnalysisException(role + " '" + expression + "' does not compile: " + e.getErrors()
                    .stream().map(Condition::describe).collect(Collectors.joining("; ")));
        } catch (CelEvaluationException e) {
            throw new InvalidAnalysisException(role + " '" + expression + "' cannot be planned: " + e.getMessage());
        }
    }

    /**
     * Evaluates the condition on a result.
     *
     * @throws MeasurementException when the expression cannot handle this result, or does not give true or false
     */
    public boolean test(MetricValue value) throws MeasurementException {
        Object outcome;
        try {
            outcome = program.eval(Map.of(ConditionLanguage.RESULT, value.toCel()));
        } catch (CelEvaluationException e) {
            Throwable cause = e.getCause();
            String why = cause != null && cause.getMessage() != null ? cause.getMessage() : cleaned(e.getMessage());
            throw new MeasurementException(role + " '" + source + "' cannot be evaluated on " + value.text() + ": "
                    + why, e);
        }
        if (outcome instanceof Boolean verdict) {
            return verdict;
        }
        throw new MeasurementException(role + " '" + source + "' must give true or false, but gave " + outcome
                + " for " + value.text());
    }

    /** The expression as the user wrote it. */
    public String source() {
        return source;
    }

    /** {@code successCondition} or {@code failureCondition}. */
    public String role() {
        return role;
    }

    @Override
    public String toString() {
        return role + " " + source;
    }

    private static String describe(CelIssue issue) {
        var location = issue.getSourceLocation();
        return location.getColumn() >= 0 ? "column " + (location.getColumn() + 1) + ": " + issue.getMessage()
                : issue.getMessage();
    }

    private static String cleaned(String message) {
        return message == null ? "evaluation failed" : message.replaceFirst("^evaluation error( at <input>:\\d+)?: ", "");
    }
}
