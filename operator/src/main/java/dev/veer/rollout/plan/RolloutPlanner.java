package dev.veer.rollout.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.veer.api.AnalysisSpec;
import dev.veer.api.BlueGreenStrategy;
import dev.veer.api.CanaryStep;
import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.GoDuration;
import dev.veer.rollout.plan.Action.ApplyServices;
import dev.veer.rollout.plan.Action.DeleteSnapshot;
import dev.veer.rollout.plan.Action.DeploySlot;
import dev.veer.rollout.plan.Action.ResetRoute;
import dev.veer.rollout.plan.Action.ScaleSlot;
import dev.veer.rollout.plan.Action.SetRoute;
import dev.veer.rollout.plan.Action.SetVerdict;
import dev.veer.rollout.plan.AnalysisGates.Gate;
import dev.veer.snapshot.SnapshotGc;
import dev.veer.snapshot.SnapshotRecord;

/**
 * Decides, without I/O, what one reconcile pass of a ServiceRollout does: from the rollout (spec and status), the
 * observed slots and router, the user's pending action and the time, it returns the actions, the next status and the
 * events. Every stage of {@link RolloutStage} has one handler here; every transition between stages is in this class.
 *
 * <p>Rules every handler keeps: traffic never moves to pods that are not ready; a weight counts as reached only once
 * the router reads it back; returning traffic to the stable version first makes sure the stable version has the
 * capacity for it, then moves the traffic, then verifies it, and only then schedules the new version's pods to go
 * (after the scale-down delay). All progress is in the status, so a pass after an operator restart takes the same
 * decisions and writes the same weights.
 */
public final class RolloutPlanner {

    static final Duration ROUTE_RECHECK = Duration.ofSeconds(1);

    private RolloutPlanner() {
    }

    /**
     * Plans one pass.
     *
     * @param rawAction the value of the {@code veer.dev/action} annotation, if any
     */
    public static Plan plan(ServiceRollout rollout, Observed observed, Optional<String> rawAction, Instant now) {
        Pass pass = new Pass(rollout, observed, rawAction, now);
        Optional<SpecCheck.Problem> problem = SpecCheck.check(rollout, observed);
        if (problem.isPresent()) {
            pass.invalidSpec(problem.get());
            return pass.finish();
        }
        pass.validSpec();
        run(pass);
        return pass.finish();
    }

    private static void run(Pass pass) {
        switch (pass.stage()) {
            case Deploying -> deploying(pass);
            case Stable -> stable(pass);
            case Canary -> canary(pass);
            case Preview -> preview(pass);
            case Promoting -> promoting(pass);
            case Aborting -> aborting(pass);
            case Aborted -> aborted(pass);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Deploying: the first version; no stable version to fall back to.

    private static void deploying(Pass pass) {
        var status = pass.status();
        Slot slot = status.getActiveSlot();
        if (!pass.desiredHash().equals(status.getCanaryTemplateHash())) {
            status.setCanaryTemplateHash(pass.desiredHash());
            status.setCanaryRevision(pass.desiredRevision());
            status.setStepStartedAt(pass.now().toString());
        }
        pass.act(new DeploySlot(slot, pass.replicas()));
        pass.act(new ApplyServices(Optional.of(slot), pass.previewService() ? Optional.of(slot) : Optional.empty()));
        if (!pass.observed().slot(slot).readyWith(pass.desiredHash(), pass.replicas())) {
            if (pass.deadlinePassed()) {
                pass.phase(RolloutPhase.Degraded, RolloutConditions.PROGRESS_DEADLINE_EXCEEDED,
                        "the first version's pods did not become ready within "
                                + pass.spec().getProgressDeadlineSeconds() + "s");
            } else {
                pass.phase(RolloutPhase.Progressing, RolloutConditions.DEPLOYING, pass.waitingForPodsMessage(slot,
                        pass.replicas()));
                pass.requeueAt(pass.deadline());
            }
            return;
        }
        status.setStableTemplateHash(pass.desiredHash());
        status.setStableRevision(status.getCanaryRevision());
        clearCanary(pass);
        status.setStage(RolloutStage.Stable);
        verdict(pass, status.getStableRevision(), SnapshotVerdict.Promoted, "Deployed", "first version");
        pass.event(RolloutEvent.normal("Deployed", "revision " + status.getStableRevision() + " is running"));
        stable(pass);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stable: all traffic on the stable version. A new template starts a rollout.

    private static void stable(Pass pass) {
        var status = pass.status();
        if (!pass.desiredHash().equals(status.getStableTemplateHash())) {
            startNewVersion(pass);
            return;
        }
        Slot active = status.getActiveSlot();
        pass.act(new DeploySlot(active, pass.replicas()));
        pass.act(new ApplyServices(Optional.of(active), pass.previewService() ? Optional.of(active) : Optional.empty()));
        if (!resetRouteVerified(pass, active)) {
            return;
        }
        scaleDownIdleSlot(pass);
        collectSnapshots(pass);
        if (pass.observed().slot(active).readyWith(pass.desiredHash(), pass.replicas())) {
            pass.phase(RolloutPhase.Healthy, RolloutConditions.HEALTHY,
                    "revision " + status.getStableRevision() + " serves all traffic");
        } else {
            pass.phase(RolloutPhase.Progressing, RolloutConditions.SCALING_STABLE,
                    pass.waitingForPodsMessage(active, pass.replicas()));
        }
    }

    private static void startNewVersion(Pass pass) {
        var status = pass.status();
        beginRevision(pass);
        clearAbort(pass);
        status.setScaleDownAt(null);
        if (inRollbackWindow(pass)) {
            pass.event(RolloutEvent.normal("FastRollback", "revision " + status.getCanaryRevision()
                    + " was stable recently (spec.rollbackWindow): promoting without steps"));
            toPromoting(pass, "fast rollback to revision " + status.getCanaryRevision());
            return;
        }
        status.setStage(pass.isCanary() ? RolloutStage.Canary : RolloutStage.Preview);
        pass.event(RolloutEvent.normal("RolloutStarted", "rolling out revision " + status.getCanaryRevision()
                + " (stable: revision " + status.getStableRevision() + ")"));
        run(pass);
    }

    /** A return to one of the last {@code spec.rollbackWindow.revisions} stable revisions skips the steps. */
    private static boolean inRollbackWindow(Pass pass) {
        var window = pass.spec().getRollbackWindow();
        if (window == null || window.getRevisions() == null || window.getRevisions() == 0) {
            return false;
        }
        return pass.observed().history().recentStable(window.getRevisions()).stream()
                .anyMatch(s -> s.contentHash().equals(pass.desiredHash()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Canary: the steps, one at a time.

    private static void canary(Pass pass) {
        var status = pass.status();
        if (pass.desiredHash().equals(status.getStableTemplateHash())) {
            startAbort(pass, RolloutConditions.TEMPLATE_REVERTED, "spec.template is the stable version again");
            return;
        }
        if (!pass.desiredHash().equals(status.getCanaryTemplateHash()) && !replaceCanary(pass)) {
            return;
        }
        if (pass.take(UserAction.ABORT)) {
            startAbort(pass, pass.abortCause().reason(), pass.abortCause().message());
            return;
        }
        if (pass.take(UserAction.PROMOTE_FULL)) {
            toPromoting(pass, "promoted fully by the user: remaining steps skipped");
            return;
        }
        Slot stable = status.getActiveSlot();
        Slot canary = stable.other();
        if (!pastAnalysis(pass, AnalysisGates.background(pass, canary, false)).open()) {
            return;
        }
        CanarySteps steps = pass.steps();
        int index = status.getCurrentStepIndex();
        if (index >= steps.size()) {
            toPromoting(pass, "all steps done");
            return;
        }
        int weight = steps.weightAt(index);
        var headerRoute = steps.headerRouteAt(index);
        ReplicaSizes sizes = ReplicaSizes.atWeight(pass.replicas(), weight, pass.observed().routerSplitsByReplicas());

        pass.act(new DeploySlot(canary, sizes.canary()));
        pass.act(new ApplyServices(pass.observed().routerSplitsByReplicas() ? Optional.empty() : Optional.of(stable),
                Optional.empty()));
        if (!pass.observed().slot(canary).readyWith(pass.desiredHash(), sizes.canary())) {
            waitForPods(pass, canary, sizes.canary());
            return;
        }
        pass.act(new ScaleSlot(stable, sizes.stable()));
        if (!pass.observed().slot(stable).readyWith(sizes.stable())) {
            waitForPods(pass, stable, sizes.stable());
            return;
        }
        pass.act(new SetRoute(stable, weight, headerRoute));
        if (!routeVerified(pass, weight, headerRoute)
                || !pastAnalysis(pass, AnalysisGates.background(pass, canary, true)).open()) {
            return;
        }
        CanaryStep step = steps.get(index);
        if (pass.spec().getPaused()) {
            // A pause holds the steps, not the judgement: a step analysis that already failed still rolls back.
            Optional<String> failed = AnalysisGates.failure(pass, AnalysisRuns.step(index));
            if (failed.isPresent()) {
                startAbort(pass, RolloutConditions.ANALYSIS_FAILED, failed.get());
                return;
            }
            pass.phase(RolloutPhase.Paused, RolloutConditions.PAUSED_BY_SPEC,
                    "paused by spec.paused at step " + index + " (weight " + weight + ")");
            return;
        }
        if (step.getAnalysis() != null) {
            Gate gate = pastAnalysis(pass, AnalysisGates.analysis(pass, AnalysisRuns.step(index), canary));
            if (gate.open()) {
                advance(pass, gate == Gate.PASSED ? "analysis at step " + index + " successful"
                        : "promoted by the user past the inconclusive analysis at step " + index);
            }
            return;
        }
        if (step.getPause() == null) {
            advance(pass, "step " + index + " done: weight " + weight
                    + (headerRoute.isEmpty() ? "" : ", header route set"));
            return;
        }
        if (step.getPause().getDuration() == null) {
            if (pass.take(UserAction.PROMOTE)) {
                advance(pass, "promoted by the user past the pause at step " + index);
            } else {
                pass.phase(RolloutPhase.Paused, RolloutConditions.PAUSED_AT_STEP, "paused at step " + index
                        + " (weight " + weight + ") until promoted: annotate veer.dev/action=promote");
            }
            return;
        }
        Instant end = pass.stepStartedAt().plus(GoDuration.parse(step.getPause().getDuration()));
        if (pass.take(UserAction.PROMOTE) || !pass.now().isBefore(end)) {
            advance(pass, "pause at step " + index + " done");
        } else {
            pass.phase(RolloutPhase.Paused, RolloutConditions.PAUSED_AT_STEP, "paused at step " + index
                    + " (weight " + weight + ") until " + end);
            pass.requeueAt(end);
        }
    }

    /**
     * A new template arrived mid-rollout: traffic leaves the old canary first, then the canary slot takes the new
     * template and the steps start again. Returns true once the canary runs the new template's revision.
     */
    private static boolean replaceCanary(Pass pass) {
        var status = pass.status();
        Slot stable = status.getActiveSlot();
        if (currentWeight(pass) != 0 || !currentHeaderRoute(pass).isEmpty()) {
            pass.act(new SetRoute(stable, 0, List.of()));
            if (!routeVerified(pass, 0, List.of())) {
                pass.phase(RolloutPhase.Progressing, RolloutConditions.SHIFTING_TRAFFIC,
                        "returning traffic to the stable version before replacing the canary");
                return false;
            }
        }
        Integer replaced = status.getCanaryRevision();
        verdict(pass, replaced, SnapshotVerdict.Superseded, "ReplacedMidRollout", "a newer template arrived");
        beginRevision(pass);
        pass.event(RolloutEvent.normal("RolloutRestarted", "revision " + status.getCanaryRevision()
                + " replaces revision " + replaced + "; steps start again"));
        return true;
    }

    private static void advance(Pass pass, String why) {
        var status = pass.status();
        int next = status.getCurrentStepIndex() + 1;
        status.setCurrentStepIndex(next);
        status.setStepStartedAt(pass.now().toString());
        pass.event(RolloutEvent.normal("StepCompleted", why));
        if (next >= pass.steps().size()) {
            toPromoting(pass, "all steps done");
            return;
        }
        pass.event(RolloutEvent.normal("StepStarted", "step " + next + ": " + describe(pass.steps().get(next))));
        pass.phase(RolloutPhase.Progressing, RolloutConditions.STEP_RUNNING, "step " + next + " started");
        pass.requeueAt(pass.now());
    }

    private static String describe(CanaryStep step) {
        if (step.getSetWeight() != null) {
            return "setWeight " + step.getSetWeight();
        }
        if (step.getPause() != null) {
            return step.getPause().getDuration() == null ? "pause until promoted"
                    : "pause " + step.getPause().getDuration();
        }
        if (step.getAnalysis() != null) {
            return "analysis";
        }
        return "setHeaderRoute";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Preview (blue-green): the new version behind the preview Service, waiting for promotion.

    private static void preview(Pass pass) {
        var status = pass.status();
        if (pass.desiredHash().equals(status.getStableTemplateHash())) {
            startAbort(pass, RolloutConditions.TEMPLATE_REVERTED, "spec.template is the stable version again");
            return;
        }
        if (!pass.desiredHash().equals(status.getCanaryTemplateHash())) {
            Integer replaced = status.getCanaryRevision();
            verdict(pass, replaced, SnapshotVerdict.Superseded, "ReplacedMidRollout", "a newer template arrived");
            beginRevision(pass);
            pass.event(RolloutEvent.normal("RolloutRestarted", "revision " + status.getCanaryRevision()
                    + " replaces revision " + replaced + " in the preview"));
        }
        if (pass.take(UserAction.ABORT)) {
            startAbort(pass, pass.abortCause().reason(), pass.abortCause().message());
            return;
        }
        BlueGreenStrategy blueGreen = pass.spec().getStrategy().getBlueGreen();
        AnalysisSpec prePromotion = blueGreen.getPrePromotionAnalysis();
        if (pass.take(UserAction.PROMOTE_FULL)) {
            toPromoting(pass, prePromotion == null ? "promoted by the user"
                    : "promoted fully by the user: pre-promotion analysis skipped");
            return;
        }
        if (prePromotion == null && pass.take(UserAction.PROMOTE)) {
            toPromoting(pass, "promoted by the user");
            return;
        }
        Slot active = status.getActiveSlot();
        Slot preview = active.other();
        int previewReplicas = blueGreen.getPreviewReplicas() != null ? blueGreen.getPreviewReplicas()
                : pass.replicas();
        pass.act(new DeploySlot(preview, previewReplicas));
        pass.act(new ApplyServices(Optional.of(active),
                pass.previewService() ? Optional.of(preview) : Optional.empty()));
        if (!pass.observed().slot(preview).readyWith(pass.desiredHash(), previewReplicas)) {
            waitForPods(pass, preview, previewReplicas);
            return;
        }
        if (status.getPreviewReadyAt() == null) {
            status.setPreviewReadyAt(pass.now().toString());
            pass.event(RolloutEvent.normal("PreviewReady", "revision " + status.getCanaryRevision()
                    + " is ready behind the preview Service"));
        }
        if (prePromotion != null) {
            Gate gate = pastAnalysis(pass, AnalysisGates.analysis(pass, AnalysisRuns.PRE_PROMOTION, preview));
            if (!gate.open()) {
                return;
            }
            if (gate == Gate.OVERRIDDEN || pass.take(UserAction.PROMOTE)) {
                toPromoting(pass, "promoted by the user after the pre-promotion analysis");
                return;
            }
        }
        if (pass.spec().getPaused()) {
            pass.phase(RolloutPhase.Paused, RolloutConditions.PAUSED_BY_SPEC, "preview ready; paused by spec.paused");
            return;
        }
        if (!Boolean.TRUE.equals(blueGreen.getAutoPromotionEnabled())) {
            pass.phase(RolloutPhase.Paused, RolloutConditions.AWAITING_PROMOTION, "revision "
                    + status.getCanaryRevision() + " ready in the preview; annotate veer.dev/action=promote");
            return;
        }
        int delay = blueGreen.getAutoPromotionSeconds() == null ? 0 : blueGreen.getAutoPromotionSeconds();
        Instant at = Instant.parse(status.getPreviewReadyAt()).plusSeconds(delay);
        if (pass.now().isBefore(at)) {
            pass.phase(RolloutPhase.Progressing, RolloutConditions.AWAITING_PROMOTION,
                    "preview ready; promoting automatically at " + at);
            pass.requeueAt(at);
            return;
        }
        toPromoting(pass, "preview ready: promoting automatically");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Promoting: full capacity for the new version, all traffic to it, then it becomes the stable version.

    private static void toPromoting(Pass pass, String why) {
        pass.endAnalyses();
        pass.status().setStage(RolloutStage.Promoting);
        pass.status().setStepStartedAt(pass.now().toString());
        pass.event(RolloutEvent.normal("PromotionStarted", why));
        promoting(pass);
    }

    private static void promoting(Pass pass) {
        var status = pass.status();
        if (pass.desiredHash().equals(status.getStableTemplateHash())) {
            startAbort(pass, RolloutConditions.TEMPLATE_REVERTED, "spec.template is the stable version again");
            return;
        }
        if (!pass.desiredHash().equals(status.getCanaryTemplateHash())) {
            // A new version arrived during promotion: start over with it through the strategy.
            status.setStage(pass.isCanary() ? RolloutStage.Canary : RolloutStage.Preview);
            run(pass);
            return;
        }
        if (pass.take(UserAction.ABORT)) {
            startAbort(pass, pass.abortCause().reason(), pass.abortCause().message());
            return;
        }
        Slot stable = status.getActiveSlot();
        Slot promoted = stable.other();
        pass.act(new DeploySlot(promoted, pass.replicas()));
        if (!pass.observed().slot(promoted).readyWith(pass.desiredHash(), pass.replicas())) {
            waitForPods(pass, promoted, pass.replicas());
            return;
        }
        if (pass.isCanary()) {
            pass.act(new SetRoute(stable, 100, List.of()));
            if (!routeVerified(pass, 100, List.of())) {
                return;
            }
        } else if (pass.spec().getStrategy().getBlueGreen().getPostPromotionAnalysis() != null) {
            // The active Service serves the new version while the old one stays at full size, until judged.
            pass.act(new ApplyServices(Optional.of(promoted),
                    pass.previewService() ? Optional.of(promoted) : Optional.empty()));
            if (!pastAnalysis(pass, AnalysisGates.analysis(pass, AnalysisRuns.POST_PROMOTION, promoted)).open()) {
                return;
            }
        }
        pass.endAnalyses();
        Integer replacedStable = status.getStableRevision();
        boolean rollback = replacedStable != null && status.getCanaryRevision() < replacedStable;
        verdict(pass, replacedStable, rollback ? SnapshotVerdict.RolledBack : SnapshotVerdict.Superseded,
                rollback ? "RolledBackTo" : "Promoted", (rollback ? "rolled back to revision " : "replaced by revision ")
                        + status.getCanaryRevision());
        verdict(pass, status.getCanaryRevision(), SnapshotVerdict.Promoted, "Promoted", "became the stable version");
        status.setActiveSlot(promoted);
        status.setStableTemplateHash(status.getCanaryTemplateHash());
        status.setStableRevision(status.getCanaryRevision());
        clearCanary(pass);
        status.setScaleDownAt(pass.now().plusSeconds(pass.scaleDownDelaySeconds()).toString());
        status.setStage(RolloutStage.Stable);
        pass.event(RolloutEvent.normal("Promoted", "revision " + status.getStableRevision()
                + " is stable and serves all traffic"));
        pass.act(new ApplyServices(Optional.of(promoted),
                pass.previewService() ? Optional.of(promoted) : Optional.empty()));
        if (pass.isCanary()) {
            pass.act(new ResetRoute(promoted));
        }
        pass.phase(RolloutPhase.Progressing, RolloutConditions.PROMOTING, "revision " + status.getStableRevision()
                + " promoted; verifying the route");
        pass.requeueAt(pass.now().plus(ROUTE_RECHECK));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Aborting and Aborted: traffic back to the stable version, safely.

    private static void startAbort(Pass pass, String reason, String message) {
        var status = pass.status();
        status.setStage(RolloutStage.Aborting);
        status.setAbortReason(reason);
        status.setAbortedAt(pass.now().toString());
        status.setAbortMessage(message);
        pass.endAnalyses();
        if (RolloutConditions.TEMPLATE_REVERTED.equals(reason)) {
            pass.event(RolloutEvent.normal("RollingBack", message + "; returning all traffic to revision "
                    + status.getStableRevision()));
        } else {
            pass.event(RolloutEvent.warning("Aborted", message + "; returning all traffic to revision "
                    + status.getStableRevision()));
        }
        aborting(pass);
    }

    private static void aborting(Pass pass) {
        var status = pass.status();
        Slot stable = status.getActiveSlot();
        restoreStableCapacity(pass, stable);
        if (!pass.observed().slot(stable).readyWith(status.getStableTemplateHash(), pass.replicas())) {
            var observed = pass.observed().slot(stable);
            pass.phase(RolloutPhase.Degraded, RolloutConditions.WAITING_FOR_STABLE_CAPACITY,
                    "waiting for the stable version to have capacity for all traffic (" + observed.readyReplicas()
                            + "/" + pass.replicas() + " ready) before moving traffic back");
            return;
        }
        pass.act(new ApplyServices(Optional.of(stable), pass.previewService() ? Optional.of(stable) : Optional.empty()));
        if (pass.isCanary()) {
            pass.act(new ResetRoute(stable));
            if (!routeVerified(pass, 0, List.of())) {
                pass.phase(RolloutPhase.Degraded, RolloutConditions.ABORTING,
                        "moving all traffic back to revision " + status.getStableRevision());
                return;
            }
        }
        status.setScaleDownAt(pass.now().plusSeconds(pass.scaleDownDelaySeconds()).toString());
        boolean failed = RolloutConditions.PROGRESS_DEADLINE_EXCEEDED.equals(status.getAbortReason())
                || RolloutConditions.ANALYSIS_FAILED.equals(status.getAbortReason());
        pass.rolledBack(status.getAbortReason());
        verdict(pass, status.getCanaryRevision(), failed ? SnapshotVerdict.Failed : SnapshotVerdict.RolledBack,
                status.getAbortReason(), status.getAbortMessage() == null ? status.getAbortReason()
                        : status.getAbortMessage());
        if (RolloutConditions.TEMPLATE_REVERTED.equals(status.getAbortReason())) {
            backToStable(pass);
            pass.event(RolloutEvent.normal("RolledBack", "all traffic is on revision " + status.getStableRevision()));
            stable(pass);
            return;
        }
        status.setStage(RolloutStage.Aborted);
        pass.event(RolloutEvent.warning("TrafficRestored", "all traffic is on revision " + status.getStableRevision()
                + "; revision " + status.getCanaryRevision() + " is held"));
        aborted(pass);
    }

    private static void aborted(Pass pass) {
        var status = pass.status();
        if (pass.desiredHash().equals(status.getStableTemplateHash())) {
            pass.event(RolloutEvent.normal("ReturnedToStable", "the desired pod template (spec.template with its "
                    + "configuration) is revision " + status.getStableRevision() + " again; held revision "
                    + status.getCanaryRevision() + " is dropped"));
            backToStable(pass);
            stable(pass);
            return;
        }
        if (!pass.desiredHash().equals(status.getCanaryTemplateHash())) {
            startNewVersion(pass);
            return;
        }
        if (pass.take(UserAction.RETRY)) {
            status.setStage(pass.isCanary() ? RolloutStage.Canary : RolloutStage.Preview);
            restartSteps(pass);
            clearAbort(pass);
            status.setScaleDownAt(null);
            pass.event(RolloutEvent.normal("Retried", "revision " + status.getCanaryRevision()
                    + " is rolled out again from step 0"));
            run(pass);
            return;
        }
        Slot stable = status.getActiveSlot();
        restoreStableCapacity(pass, stable);
        pass.act(new ApplyServices(Optional.of(stable), pass.previewService() ? Optional.of(stable) : Optional.empty()));
        scaleDownIdleSlot(pass);
        pass.phase(RolloutPhase.Degraded, status.getAbortReason(), "rollout of revision " + status.getCanaryRevision()
                + " aborted: " + (status.getAbortMessage() == null ? status.getAbortReason() : status.getAbortMessage())
                + ". All traffic is on revision "
                + status.getStableRevision() + ". Annotate veer.dev/action=retry to try again, or change "
                + "spec.template");
    }

    /** The stable slot at full size: its own template when spec.template is elsewhere, else spec.template. */
    private static void restoreStableCapacity(Pass pass, Slot stable) {
        if (pass.desiredHash().equals(pass.status().getStableTemplateHash())) {
            pass.act(new DeploySlot(stable, pass.replicas()));
        } else {
            pass.act(new ScaleSlot(stable, pass.replicas()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shared steps

    /** Acts on an analysis gate: a failed analysis starts the abort. Returns the gate. */
    private static Gate pastAnalysis(Pass pass, AnalysisGates.Decision decision) {
        decision.failure().ifPresent(why -> startAbort(pass, RolloutConditions.ANALYSIS_FAILED, why));
        return decision.gate();
    }

    private static void waitForPods(Pass pass, Slot slot, int replicas) {
        if (pass.deadlinePassed()) {
            startAbort(pass, RolloutConditions.PROGRESS_DEADLINE_EXCEEDED, "pods of revision "
                    + pass.status().getCanaryRevision() + " did not become ready within "
                    + pass.spec().getProgressDeadlineSeconds() + "s (" + pass.observed().slot(slot).readyReplicas()
                    + "/" + replicas + " ready)");
            return;
        }
        pass.phase(RolloutPhase.Progressing, RolloutConditions.WAITING_FOR_PODS,
                pass.waitingForPodsMessage(slot, replicas));
        pass.requeueAt(pass.deadline());
    }

    private static boolean routeVerified(Pass pass, int weight, List<dev.veer.api.HeaderMatch> headerRoute) {
        var route = pass.observed().route();
        boolean verified;
        if (route.problem().isPresent()) {
            verified = false;
        } else if (pass.observed().routerSplitsByReplicas()) {
            int carried = route.weight().orElse(-1);
            verified = weight == 0 ? carried == 0 : weight == 100 ? carried == 100 : carried > 0 && carried < 100;
        } else {
            verified = route.carries(weight, headerRoute);
        }
        if (verified) {
            int carried = route.weight().orElse(weight);
            Integer before = pass.status().getCanaryWeight();
            // After a promotion the slots have swapped roles: the reset to 0 is told by the Promoted event.
            boolean changed = before == null ? carried != 0 : before != carried;
            if (changed && pass.stage() != RolloutStage.Stable) {
                pass.event(RolloutEvent.normal("WeightChanged", "canary weight " + (before == null ? 0 : before)
                        + "% -> " + carried + "% (" + pass.routerName() + ")"));
            }
            pass.status().setCanaryWeight(carried);
            pass.status().setHeaderRoute(headerRoute.isEmpty() ? null : headerRoute);
            return true;
        }
        String reason = route.problem().isPresent() ? RolloutConditions.TRAFFIC_ROUTER_NOT_READY
                : RolloutConditions.SHIFTING_TRAFFIC;
        String message = route.problem().map(p -> "traffic router: " + p)
                .orElse("waiting for the router to carry weight " + weight);
        if (pass.status().getStage() == RolloutStage.Aborting) {
            pass.phase(RolloutPhase.Degraded, reason, message);
        } else if (route.problem().isPresent() && pass.deadlinePassed()) {
            startAbort(pass, RolloutConditions.PROGRESS_DEADLINE_EXCEEDED, message);
            return false;
        } else {
            pass.phase(RolloutPhase.Progressing, reason, message);
        }
        pass.requeueAt(pass.now().plus(ROUTE_RECHECK));
        return false;
    }

    /** In Stable: makes sure the router carries no canary traffic any more (after a promotion or an abort). */
    private static boolean resetRouteVerified(Pass pass, Slot active) {
        if (!pass.isCanary()) {
            return true;
        }
        var status = pass.status();
        boolean routed = (status.getCanaryWeight() != null && status.getCanaryWeight() != 0)
                || (status.getHeaderRoute() != null && !status.getHeaderRoute().isEmpty());
        if (!routed) {
            return true;
        }
        pass.act(new ResetRoute(active));
        return routeVerified(pass, 0, List.of());
    }

    private static void scaleDownIdleSlot(Pass pass) {
        var status = pass.status();
        Slot idle = status.getActiveSlot().other();
        SlotObservation observed = pass.observed().slot(idle);
        if (!observed.exists() || observed.specReplicas() == 0) {
            status.setScaleDownAt(null);
            return;
        }
        Instant at = status.getScaleDownAt() == null ? pass.now() : Instant.parse(status.getScaleDownAt());
        if (pass.now().isBefore(at)) {
            pass.requeueAt(at);
            return;
        }
        pass.act(new ScaleSlot(idle, 0));
        status.setScaleDownAt(null);
        pass.event(RolloutEvent.normal("ScaledDown", "slot " + idle.label() + " scaled to zero"));
    }

    private static int currentWeight(Pass pass) {
        return pass.status().getCanaryWeight() == null ? 0 : pass.status().getCanaryWeight();
    }

    private static List<dev.veer.api.HeaderMatch> currentHeaderRoute(Pass pass) {
        return pass.status().getHeaderRoute() == null ? List.of() : pass.status().getHeaderRoute();
    }

    private static void verdict(Pass pass, Integer revision, SnapshotVerdict verdict, String reason,
            String message) {
        if (revision != null) {
            pass.act(new SetVerdict(revision, verdict, reason, message));
        }
    }

    /** Snapshots beyond spec.revisionHistoryLimit go, never the stable, current or rollback-target revision. */
    private static void collectSnapshots(Pass pass) {
        var status = pass.status();
        Set<Integer> keep = new HashSet<>();
        keep.add(status.getStableRevision());
        if (status.getCanaryRevision() != null) {
            keep.add(status.getCanaryRevision());
        }
        pass.observed().rollbackTo().ifPresent(keep::add);
        for (SnapshotRecord doomed : SnapshotGc.select(pass.observed().history(), pass.spec().getRevisionHistoryLimit(),
                keep)) {
            pass.act(new DeleteSnapshot(doomed.name()));
        }
    }

    /** The desired template becomes the new version: its revision number, from the first step. */
    private static void beginRevision(Pass pass) {
        pass.status().setCanaryTemplateHash(pass.desiredHash());
        pass.status().setCanaryRevision(pass.desiredRevision());
        restartSteps(pass);
    }

    private static void restartSteps(Pass pass) {
        pass.clearAnalyses();
        pass.status().setCurrentStepIndex(0);
        pass.status().setStepStartedAt(pass.now().toString());
        pass.status().setPreviewReadyAt(null);
    }

    private static void clearAbort(Pass pass) {
        pass.status().setAbortReason(null);
        pass.status().setAbortMessage(null);
        pass.status().setAbortedAt(null);
    }

    private static void backToStable(Pass pass) {
        clearCanary(pass);
        clearAbort(pass);
        pass.status().setStage(RolloutStage.Stable);
    }

    private static void clearCanary(Pass pass) {
        var status = pass.status();
        status.setCanaryTemplateHash(null);
        status.setCanaryRevision(null);
        status.setPreviewReadyAt(null);
    }
}
