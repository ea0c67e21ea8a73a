package dev.veer.rollout.plan;

import java.util.Optional;

import dev.veer.api.AnalysisSpec;
import dev.veer.api.ServiceRolloutSpec;

/**
 * The analyses a rollout runs, by the name their run has in {@code status.analysisRuns}: {@value #BACKGROUND} (the
 * canary's background analysis), {@code step-N} (the analysis step at index N), {@value #PRE_PROMOTION} and
 * {@value #POST_PROMOTION} (blue-green). The planner starts and ends runs by name; the reconciler measures every
 * undecided run by looking its spec up here.
 */
public final class AnalysisRuns {

    public static final String BACKGROUND = "background";
    public static final String PRE_PROMOTION = "pre-promotion";
    public static final String POST_PROMOTION = "post-promotion";
    private static final String STEP_PREFIX = "step-";

    private AnalysisRuns() {
    }

    public static String step(int index) {
        return STEP_PREFIX + index;
    }

    /** The analysis block a run of this name measures, if the spec (still) has it. */
    public static Optional<AnalysisSpec> specOf(ServiceRolloutSpec spec, String name) {
        var strategy = spec.getStrategy();
        if (strategy == null) {
            return Optional.empty();
        }
        var canary = strategy.getCanary();
        var blueGreen = strategy.getBlueGreen();
        if (BACKGROUND.equals(name)) {
            return Optional.ofNullable(canary).map(c -> c.getAnalysis());
        }
        if (PRE_PROMOTION.equals(name)) {
            return Optional.ofNullable(blueGreen).map(b -> b.getPrePromotionAnalysis());
        }
        if (POST_PROMOTION.equals(name)) {
            return Optional.ofNullable(blueGreen).map(b -> b.getPostPromotionAnalysis());
        }
        if (canary != null && canary.getSteps() != null && name.startsWith(STEP_PREFIX)) {
            try {
                int index = Integer.parseInt(name.substring(STEP_PREFIX.length()));
                return index >= 0 && index < canary.getSteps().size()
                        ? Optional.ofNullable(canary.getSteps().get(index).getAnalysis())
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
