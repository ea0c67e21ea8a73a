package dev.veer.analysis;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import dev.veer.api.MetricSpec;
import dev.veer.common.GoDuration;

/**
 * When a metric is measured and how many bad measurements it tolerates: what {@link AnalysisStateMachine} needs of a
 * metric's spec. Unset fields read as the CRD's defaults (interval 30s, failureLimit 0, inconclusiveLimit 0,
 * consecutiveErrorLimit 4), so that a spec the API server did not default (an inline spec on a server without
 * defaulting, a test) means the same.
 */
public record MetricRules(String name, Duration interval, Optional<Duration> initialDelay, OptionalInt count,
        int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit, boolean dryRun) {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

    /** Reads the rules of a metric whose placeholders are filled. */
    public static MetricRules of(MetricSpec spec) throws InvalidAnalysisException {
        String where = "metric " + spec.getName();
        return new MetricRules(spec.getName(),
                spec.getInterval() == null ? DEFAULT_INTERVAL : duration(where + ": interval", spec.getInterval()),
                spec.getInitialDelay() == null ? Optional.empty()
                        : Optional.of(duration(where + ": initialDelay", spec.getInitialDelay())),
                spec.getCount() == null ? OptionalInt.empty() : OptionalInt.of(spec.getCount()),
                orDefault(spec.getFailureLimit(), 0),
                orDefault(spec.getInconclusiveLimit(), 0),
                orDefault(spec.getConsecutiveErrorLimit(), DEFAULT_CONSECUTIVE_ERROR_LIMIT),
                Boolean.TRUE.equals(spec.getDryRun()));
    }

    static Duration duration(String where, String text) throws InvalidAnalysisException {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidAnalysisException(where + ": " + e.getMessage());
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
