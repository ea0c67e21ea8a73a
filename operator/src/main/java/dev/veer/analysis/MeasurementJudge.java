package dev.veer.analysis;

import java.util.Optional;

import dev.veer.api.MeasurementVerdict;
import dev.veer.api.NoDataPolicy;

/**
 * The verdict of one measurement, from the metric's conditions and its noData policy. Pure.
 *
 * <ul>
 * <li>No samples: noData decides (Inconclusive by default, or Failed); the conditions do not run.</li>
 * <li>failureCondition true: Failed. It wins over successCondition.</li>
 * <li>successCondition true: Successful.</li>
 * <li>Neither true: Inconclusive when both are set; Failed when only successCondition is; Successful when only
 * failureCondition is.</li>
 * <li>A condition that cannot be evaluated on the value: Error.</li>
 * </ul>
 */
public final class MeasurementJudge {

    /** A verdict and what decided it. */
    public record Judgement(MeasurementVerdict verdict, String message) {
    }

    private MeasurementJudge() {
    }

    public static Judgement judge(ResolvedMetric metric, MetricValue value) {
        if (value.isEmpty()) {
            return metric.noData() == NoDataPolicy.Fail
                    ? new Judgement(MeasurementVerdict.Failed, "no data: the query returned no samples (noData: Fail)")
                    : new Judgement(MeasurementVerdict.Inconclusive,
                            "no data: the query returned no samples (noData: Inconclusive)");
        }
        try {
            return judgeValue(metric.success(), metric.failure(), value);
        } catch (MeasurementException e) {
            return new Judgement(MeasurementVerdict.Error, e.getMessage());
        }
    }

    private static Judgement judgeValue(Optional<Condition> success, Optional<Condition> failure, MetricValue value)
            throws MeasurementException {
        String shown = "value " + value.text();
        if (failure.isPresent() && failure.get().test(value)) {
            return new Judgement(MeasurementVerdict.Failed, shown + " meets failureCondition '"
                    + failure.get().source() + "'");
        }
        if (success.isPresent()) {
            if (success.get().test(value)) {
                return new Judgement(MeasurementVerdict.Successful, shown + " meets successCondition '"
                        + success.get().source() + "'");
            }
            return failure.isPresent()
                    ? new Judgement(MeasurementVerdict.Inconclusive, shown + " meets neither successCondition '"
                            + success.get().source() + "' nor failureCondition '" + failure.get().source() + "'")
                    : new Judgement(MeasurementVerdict.Failed, shown + " does not meet successCondition '"
                            + success.get().source() + "'");
        }
        return new Judgement(MeasurementVerdict.Successful, shown + " does not meet failureCondition '"
                + failure.orElseThrow().source() + "'");
    }
}
