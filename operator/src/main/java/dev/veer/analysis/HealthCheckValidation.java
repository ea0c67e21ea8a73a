package dev.veer.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.veer.api.HealthCheckArg;
import dev.veer.api.HealthCheckSpec;
import dev.veer.api.MetricSpec;
import dev.veer.api.Slot;

/**
 * Checks a HealthCheck the way an analysis will use it, before any rollout does: every condition compiles once its
 * placeholders are filled ({@link ConditionStandIns}), every duration parses, and every placeholder of a query is one Veer fills (a rollout placeholder or a declared arg).
 * Each problem names the metric and the field.
 */
public final class HealthCheckValidation {

    private static final RolloutContext SAMPLE_CONTEXT = new RolloutContext("rollout", "namespace", Slot.BLUE, 1);

    private HealthCheckValidation() {
    }

    /** Every problem of the spec; empty when it is valid. */
    public static List<String> problems(HealthCheckSpec spec) {
        List<String> problems = new ArrayList<>();
        Map<String, String> args = new HashMap<>();
        if (spec.getArgs() != null) {
            for (HealthCheckArg arg : spec.getArgs()) {
                args.put(arg.getName(), arg.getValue() == null ? "value" : arg.getValue());
            }
        }
        Placeholders placeholders = new Placeholders(SAMPLE_CONTEXT, args);
        ConditionStandIns standIns = new ConditionStandIns(SAMPLE_CONTEXT, declaredValues(spec));
        for (MetricSpec metric : spec.getMetrics() == null ? List.<MetricSpec>of() : spec.getMetrics()) {
            String where = "metric " + metric.getName();
            check(problems, () -> MetricRules.of(metric));
            for (String role : new String[] { "successCondition", "failureCondition" }) {
                String condition = role.equals("successCondition") ? metric.getSuccessCondition()
                        : metric.getFailureCondition();
                if (condition != null) {
                    check(problems, () -> Condition.compile(where + ": " + role,
                            standIns.fill(where + ": " + role, condition)));
                }
            }
            var prometheus = metric.getProvider() == null ? null : metric.getProvider().getPrometheus();
            if (prometheus == null) {
                problems.add(where + ": provider.prometheus is required");
            } else if (prometheus.getQuery() != null) {
                check(problems, () -> placeholders.fill(where + ": provider.prometheus.query", prometheus.getQuery()));
            }
        }
        return problems;
    }

    /** The declared args; an arg without a value (the rollout passes it) maps to an empty Optional. */
    private static Map<String, java.util.Optional<String>> declaredValues(HealthCheckSpec spec) {
        Map<String, java.util.Optional<String>> values = new HashMap<>();
        for (HealthCheckArg arg : spec.getArgs() == null ? List.<HealthCheckArg>of() : spec.getArgs()) {
            values.put(arg.getName(), java.util.Optional.ofNullable(arg.getValue()));
        }
        return values;
    }

    private interface Check {
        void run() throws InvalidAnalysisException;
    }

    private static void check(List<String> problems, Check check) {
        try {
            check.run();
        } catch (InvalidAnalysisException e) {
            problems.add(e.getMessage());
        }
    }
}
