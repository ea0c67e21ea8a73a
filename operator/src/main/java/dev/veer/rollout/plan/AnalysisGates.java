package dev.veer.rollout.plan;

import java.util.Optional;

import dev.veer.analysis.AnalysisVerdict;
import dev.veer.api.RolloutPhase;
import dev.veer.api.Slot;

/**
 * What the verdict of an analysis run means for the rollout, for {@link RolloutPlanner}: the run is started when it is
 * due, and read on every pass. A hold sets the phase that says why (running, inconclusive, unable to run); a failure
 * is returned with its message, and the planner starts the abort, so that every transition between stages stays in
 * the planner.
 *
 * <p>Rules: only Successful opens a gate on its own; Inconclusive waits for a person (promote goes on, abort rolls
 * back); while a run measures, promote is declined (only promote-full skips an analysis); Error holds with
 * InvalidSpec until the spec or the HealthCheck is fixed.
 */
final class AnalysisGates {

    /** Whether the rollout may go past an analysis. */
    enum Gate {
        /** Go on: the analysis is Successful (a background one: not failed so far). */
        PASSED,
        /** Go on: the analysis was Inconclusive and the user promoted (the promote action is taken). */
        OVERRIDDEN,
        /** Not yet: the phase says why. */
        HOLD,
        /** The analysis failed: abort with {@link Decision#failure()}. */
        FAILED;

        boolean open() {
            return this == PASSED || this == OVERRIDDEN;
        }
    }

    /** A gate, and for {@link Gate#FAILED} the analysis, metric and value that failed. */
    record Decision(Gate gate, Optional<String> failure) {

        static Decision of(Gate gate) {
            return new Decision(gate, Optional.empty());
        }

        static Decision failed(String message) {
            return new Decision(Gate.FAILED, Optional.of(message));
        }
    }

    private AnalysisGates() {
    }

    /** The named analysis of the new version, judging {@code slot}: a step's, or blue-green's pre- or post-promotion. */
    static Decision analysis(Pass pass, String name, Slot slot) {
        int revision = pass.status().getCanaryRevision();
        AnalysisVerdict verdict = pass.analysis(name, slot, revision);
        String what = "analysis " + name + " of revision " + revision;
        if (verdict.isSuccessful()) {
            return Decision.of(Gate.PASSED);
        }
        if (verdict.isFailed()) {
            return Decision.failed(what + " failed: " + verdict.decidingMessage());
        }
        if (verdict.isInconclusive()) {
            if (pass.take(UserAction.PROMOTE)) {
                pass.event(RolloutEvent.normal("AnalysisOverridden", what + " was inconclusive; promoted by the user"));
                return Decision.of(Gate.OVERRIDDEN);
            }
            return inconclusive(pass, what, verdict);
        }
        pass.decline(UserAction.PROMOTE, what + " is still running; promote-full skips it");
        if (verdict.isInvalid()) {
            return invalid(pass, what, verdict);
        }
        pass.phase(RolloutPhase.Progressing, RolloutConditions.ANALYSIS_RUNNING, what + " running: "
                + verdict.decidingMessage());
        return Decision.of(Gate.HOLD);
    }

    /**
     * The canary's background analysis: started once the traffic of step {@code analysisStartingStep} (or a later one)
     * is in place ({@code trafficInPlace}), and from then on read on every pass, whatever the step is doing. Running
     * or Successful lets the steps go on. A promote action on an inconclusive background analysis starts it again.
     */
    static Decision background(Pass pass, Slot canary, boolean trafficInPlace) {
        var canarySpec = pass.spec().getStrategy().getCanary();
        if (canarySpec.getAnalysis() == null) {
            return Decision.of(Gate.PASSED);
        }
        var status = pass.status();
        int revision = status.getCanaryRevision();
        int from = canarySpec.getAnalysisStartingStep() == null ? 0 : canarySpec.getAnalysisStartingStep();
        if (pass.startedAnalysis(AnalysisRuns.BACKGROUND, revision).isEmpty()
                && (!trafficInPlace || status.getCurrentStepIndex() < from)) {
            return Decision.of(Gate.PASSED);
        }
        AnalysisVerdict verdict = pass.analysis(AnalysisRuns.BACKGROUND, canary, revision);
        String what = "background analysis of revision " + revision;
        if (verdict.isFailed()) {
            return Decision.failed(what + " failed: " + verdict.decidingMessage());
        }
        if (verdict.isInconclusive()) {
            if (pass.take(UserAction.PROMOTE)) {
                pass.restartAnalysis(AnalysisRuns.BACKGROUND);
                pass.event(RolloutEvent.normal("AnalysisOverridden", what + " was inconclusive; the user promoted, "
                        + "so it starts again"));
                return Decision.of(Gate.OVERRIDDEN);
            }
            return inconclusive(pass, what, verdict);
        }
        if (verdict.isInvalid()) {
            return invalid(pass, what, verdict);
        }
        return Decision.of(Gate.PASSED);
    }

    /** Why the named run of the revision being rolled out failed, if it has started and failed; starts nothing. */
    static Optional<String> failure(Pass pass, String name) {
        int revision = pass.status().getCanaryRevision();
        return pass.startedAnalysis(name, revision).filter(AnalysisVerdict::isFailed)
                .map(verdict -> "analysis " + name + " of revision " + revision + " failed: "
                        + verdict.decidingMessage());
    }

    private static Decision inconclusive(Pass pass, String what, AnalysisVerdict verdict) {
        pass.phase(RolloutPhase.Paused, RolloutConditions.ANALYSIS_INCONCLUSIVE, what + " is inconclusive ("
                + verdict.decidingMessage() + "): annotate veer.dev/action=promote to go on, or abort to roll back");
        return Decision.of(Gate.HOLD);
    }

    private static Decision invalid(Pass pass, String what, AnalysisVerdict verdict) {
        pass.invalidSpec(new SpecCheck.Problem(RolloutConditions.ANALYSIS_INVALID, what + " cannot run: "
                + verdict.decidingMessage()));
        return Decision.of(Gate.HOLD);
    }
}
