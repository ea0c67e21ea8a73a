package dev.veer.analysis;

import java.time.Duration;
import java.util.Optional;

import dev.veer.api.MetricProviderSpec;
import dev.veer.api.NoDataPolicy;

/**
 * A metric ready to measure: placeholders filled, conditions compiled, durations parsed.
 *
 * @param source the template it comes from, for messages
 * @param rules when to measure and what to tolerate
 * @param provider where to read it, placeholders filled
 * @param timeout how long to wait for the provider
 * @param success the successCondition, if any
 * @param failure the failureCondition, if any (at least one of the two is present)
 * @param noData what a result without samples means
 */
public record ResolvedMetric(String source, MetricRules rules, MetricProviderSpec provider, Duration timeout,
        Optional<Condition> success, Optional<Condition> failure, NoDataPolicy noData) {

    public String name() {
        return rules.name();
    }
}
