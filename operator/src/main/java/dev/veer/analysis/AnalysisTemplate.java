package dev.veer.analysis;

import java.util.List;
import java.util.Map;

import dev.veer.api.HealthCheckArg;
import dev.veer.api.MetricSpec;

/**
 * A source of metrics for an analysis: a HealthCheck, a built-in template, or the metrics written inline. It declares
 * the args it takes (with their defaults) and gives its metrics, placeholders still unfilled, once the args' values
 * are known.
 */
public interface AnalysisTemplate {

    /** What the template is, for messages: {@code HealthCheck checkout-health}, {@code built-in error-rate}. */
    String describe();

    /** The args the template declares; an arg without a value must be passed by the rollout. */
    List<HealthCheckArg> args();

    /**
     * The template's metrics, unfilled.
     *
     * @param args the value of every arg (declared defaults, then the rollout's), placeholders in them filled
     */
    List<MetricSpec> metrics(Map<String, String> args) throws InvalidAnalysisException;

    /** Metrics as written in a HealthCheck or inline, with the args they declare. */
    static AnalysisTemplate of(String describe, List<HealthCheckArg> args, List<MetricSpec> metrics) {
        return new Written(describe, args == null ? List.of() : List.copyOf(args),
                metrics == null ? List.of() : List.copyOf(metrics));
    }

    /** Metrics as written: the args' values only fill their placeholders. */
    record Written(String describe, List<HealthCheckArg> args, List<MetricSpec> written) implements AnalysisTemplate {

        @Override
        public List<MetricSpec> metrics(Map<String, String> values) {
            return written;
        }
    }
}
