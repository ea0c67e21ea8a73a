package dev.veer.rollout.plan;

import static dev.veer.rollout.plan.Rollouts.analysis;
import static dev.veer.rollout.plan.Rollouts.analysisStep;
import static dev.veer.rollout.plan.Rollouts.pauseUntilPromoted;
import static dev.veer.rollout.plan.Rollouts.template;
import static dev.veer.rollout.plan.Rollouts.weight;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.veer.api.AnalysisPhase;
import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.Conditions;
import dev.veer.rollout.plan.Action.ApplyServices;

/** How analysis verdicts move a rollout: planner scenarios on the in-memory world, analyses scripted by run name. */
class AnalysisPlanningTest {

    private static final Duration TICK = Duration.ofSeconds(1);

    private static PlannerWorld healthy(ServiceRollout rollout) {
        PlannerWorld world = new PlannerWorld(rollout, false, true);
        world.settle(TICK);
        assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
        return world;
    }

    private static void newVersion(PlannerWorld world) {
        world.rollout.getSpec().setTemplate(template("shop:2.0"));
        world.rollout.getMetadata().setGeneration(world.rollout.getMetadata().getGeneration() + 1);
    }

    private static String reason(PlannerWorld world, String condition) {
        return Conditions.find(world.rollout.getStatus().getConditions(), condition).get().getReason();
    }

    @Nested
    class StepAnalysis {

        private final PlannerWorld world = healthy(Rollouts.canary(4, weight(25), analysisStep(), weight(75)));

        @Test
        void runsAtThePreviousWeightAndHoldsTheStepWhileRunning() {
            newVersion(world);
            world.settle(TICK);

            var status = world.rollout.getStatus();
            assertThat(status.getCurrentStepIndex()).isEqualTo(1);
            assertThat(world.routeWeight).isEqualTo(25);
            assertThat(status.getPhase()).isEqualTo(RolloutPhase.Progressing);
            assertThat(reason(world, RolloutConditions.PROGRESSING)).isEqualTo(RolloutConditions.ANALYSIS_RUNNING);
            var run = world.analysisRun("step-1").orElseThrow();
            assertThat(run.getRevision()).isEqualTo(2);
            assertThat(run.getSlot()).isEqualTo(Slot.GREEN);
            assertThat(world.measurements.get("step-1")).isPositive();
            assertThat(world.last.requeueAfter()).contains(Duration.ofSeconds(30));
        }

        @Test
        void successfulAnalysisCompletesTheStepAndTheRolloutGoesOn() {
            newVersion(world);
            world.settle(TICK);

            world.analysisResults.put("step-1", AnalysisPhase.Successful);
            world.settle(TICK);

            assertThat(world.rollout.getStatus().getStableRevision()).isEqualTo(2);
            assertThat(world.rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
            assertThat(world.verdictOf(2)).isEqualTo(SnapshotVerdict.Promoted);
            assertThat(world.hadEvent("AnalysisSuccessful")).isTrue();
            assertThat(world.analysisRun("step-1").orElseThrow().getPhase()).as("kept as the record of revision 2")
                    .isEqualTo(AnalysisPhase.Successful);
        }

        @Test
        void failedAnalysisAbortsReturnsAllTrafficToStableAndMarksTheRevisionFailed() {
            newVersion(world);
            world.settle(TICK);

            world.analysisResults.put("step-1", AnalysisPhase.Failed);
            world.settle(TICK);

            var status = world.rollout.getStatus();
            assertThat(status.getStage()).isEqualTo(RolloutStage.Aborted);
            assertThat(status.getPhase()).isEqualTo(RolloutPhase.Degraded);
            assertThat(status.getAbortReason()).isEqualTo(RolloutConditions.ANALYSIS_FAILED);
            assertThat(reason(world, RolloutConditions.DEGRADED)).isEqualTo(RolloutConditions.ANALYSIS_FAILED);
            assertThat(Conditions.find(status.getConditions(), RolloutConditions.DEGRADED).get().getMessage())
                    .contains("analysis step-1 of revision 2 failed: metric error-rate: Failed");
            assertThat(status.getCanaryWeight()).isZero();
            assertThat(world.routeWeight).isZero();
            assertThat(world.verdictOf(2)).isEqualTo(SnapshotVerdict.Failed);
            assertThat(world.rollbacks).containsExactly(RolloutConditions.ANALYSIS_FAILED);
            assertThat(world.events).anySatisfy(e -> {
                assertThat(e.reason()).isEqualTo("Aborted");
                assertThat(e.warning()).isTrue();
                assertThat(e.message()).contains("analysis step-1 of revision 2 failed: metric error-rate: Failed");
            });
            assertThat(world.hadEvent("AnalysisFailed")).isTrue();
        }

        @Test
        void aStepAnalysisThatFailsWhileSpecPausedHoldsTheRolloutStillRollsBack() {
            newVersion(world);
            world.settle(TICK);
            world.rollout.getSpec().setPaused(true);
            world.pass();
            assertThat(world.rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Paused);

            world.analysisResults.put("step-1", AnalysisPhase.Failed);
            world.settle(TICK);

            assertThat(world.rollout.getStatus().getStage()).isEqualTo(RolloutStage.Aborted);
            assertThat(world.rollout.getStatus().getAbortReason()).isEqualTo(RolloutConditions.ANALYSIS_FAILED);
            assertThat(world.routeWeight).isZero();
        }

        @Test
        void failedAnalysisIsNotMeasuredAgain() {
            newVersion(world);
            world.settle(TICK);
            world.analysisResults.put("step-1", AnalysisPhase.Failed);
            world.settle(TICK);
            int measured = world.measurements.get("step-1");

            world.now = world.now.plusSeconds(300);
            world.settle(TICK);

            assertThat(world.measurements.get("step-1")).isEqualTo(measured);
        }

        @Test
        void inconclusiveAnalysisPausesAndNeverPromotesOnItsOwn() {
            newVersion(world);
            world.settle(TICK);

            world.analysisResults.put("step-1", AnalysisPhase.Inconclusive);
            world.settle(TICK);
            world.now = world.now.plus(Duration.ofHours(2));
            world.settle(TICK);

            var status = world.rollout.getStatus();
            assertThat(status.getPhase()).isEqualTo(RolloutPhase.Paused);
            assertThat(reason(world, RolloutConditions.PROGRESSING))
                    .isEqualTo(RolloutConditions.ANALYSIS_INCONCLUSIVE);
            assertThat(status.getCurrentStepIndex()).isEqualTo(1);
            assertThat(status.getStableRevision()).isEqualTo(1);
            assertThat(world.routeWeight).isEqualTo(25);
        }

        @Test
        void promoteGoesPastAnInconclusiveAnalysis() {
            newVersion(world);
            world.settle(TICK);
            world.analysisResults.put("step-1", AnalysisPhase.Inconclusive);
            world.settle(TICK);

            world.pendingAction = Optional.of("promote");
            world.settle(TICK);

            assertThat(world.rollout.getStatus().getStableRevision()).isEqualTo(2);
            assertThat(world.hadEvent("AnalysisOverridden")).isTrue();
        }

        @Test
        void promoteIsDeclinedWhileTheAnalysisRunsButPromoteFullSkipsIt() {
            newVersion(world);
            world.settle(TICK);

            world.pendingAction = Optional.of("promote");
            world.pass();

            assertThat(world.rollout.getStatus().getCurrentStepIndex()).isEqualTo(1);
            assertThat(world.events).anySatisfy(e -> {
                assertThat(e.reason()).isEqualTo("ActionIgnored");
                assertThat(e.message()).contains("analysis step-1 of revision 2 is still running");
            });

            world.pendingAction = Optional.of("promote-full");
            world.settle(TICK);
            assertThat(world.rollout.getStatus().getStableRevision()).isEqualTo(2);
            assertThat(world.rollout.getStatus().getAnalysisRuns()).as("the running analysis ended").isNull();
        }

        @Test
        void analysisThatCannotRunReportsInvalidSpecAndTriesAgainLater() {
            newVersion(world);
            world.settle(TICK);

            world.analysisResults.put("step-1", AnalysisPhase.Error);
            world.pass();

            assertThat(world.rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Degraded);
            assertThat(reason(world, RolloutConditions.INVALID_SPEC)).isEqualTo(RolloutConditions.ANALYSIS_INVALID);
            assertThat(world.last.requeueAfter()).contains(Pass.ANALYSIS_RETRY);
            assertThat(world.routeWeight).as("traffic stays where it was").isEqualTo(25);

            world.analysisResults.put("step-1", AnalysisPhase.Successful);
            world.settle(TICK);
            assertThat(world.rollout.getStatus().getStableRevision()).isEqualTo(2);
        }

        @Test
        void aNewRevisionStartsItsOwnRuns() {
            newVersion(world);
            world.settle(TICK);
            world.analysisResults.put("step-1", AnalysisPhase.Failed);
            world.settle(TICK);
            world.analysisResults.clear();

            world.rollout.getSpec().setTemplate(template("shop:3.0"));
            world.settle(TICK);

            var run = world.analysisRun("step-1").orElseThrow();
            assertThat(run.getRevision()).isEqualTo(3);
            assertThat(run.getPhase()).isEqualTo(AnalysisPhase.Running);
        }

        @Test
        void retryAfterAFailedAnalysisRunsTheAnalysisAgain() {
            newVersion(world);
            world.settle(TICK);
            world.analysisResults.put("step-1", AnalysisPhase.Failed);
            world.settle(TICK);
            world.analysisResults.put("step-1", AnalysisPhase.Successful);

            world.pendingAction = Optional.of("retry");
            world.settle(TICK);

            assertThat(world.rollout.getStatus().getStableRevision()).isEqualTo(2);
        }
    }

    @Nested
    class BackgroundAnalysis {

        private ServiceRollout rollout(Integer startingStep) {
            ServiceRollout rollout = Rollouts.canary(4, weight(25), pauseUntilPromoted(), weight(50),
                    pauseUntilPromoted());
            rollout.getSpec().getStrategy().getCanary().setAnalysis(analysis());
            rollout.getSpec().getStrategy().getCanary().setAnalysisStartingStep(startingStep);
            return rollout;
        }

        @Test
        void startsOnceTheFirstWeightIsInPlaceAndJudgesTheCanarySlot() {
            PlannerWorld world = healthy(rollout(null));
            assertThat(world.analysisRun("background")).as("not while stable").isEmpty();

            newVersion(world);
            world.settle(TICK);

            var run = world.analysisRun("background").orElseThrow();
            assertThat(run.getSlot()).isEqualTo(Slot.GREEN);
            assertThat(run.getRevision()).isEqualTo(2);
            assertThat(world.rollout.getStatus().getPhase()).as("the pause step still holds")
                    .isEqualTo(RolloutPhase.Paused);
        }

        @Test
        void waitsForTheStartingStep() {
            PlannerWorld world = healthy(rollout(2));
            newVersion(world);
            world.settle(TICK);
            assertThat(world.analysisRun("background")).isEmpty();

            world.pendingAction = Optional.of("promote");
            world.settle(TICK);

            assertThat(world.rollout.getStatus().getCurrentStepIndex()).isEqualTo(3);
            assertThat(world.analysisRun("background")).isPresent();
        }

        @Test
        void failureAtAnyStepAbortsTheRollout() {
            PlannerWorld world = healthy(rollout(null));
            newVersion(world);
            world.settle(TICK);

            world.analysisResults.put("background", AnalysisPhase.Failed);
            world.settle(TICK);

            assertThat(world.rollout.getStatus().getStage()).isEqualTo(RolloutStage.Aborted);
            assertThat(world.rollout.getStatus().getAbortReason()).isEqualTo(RolloutConditions.ANALYSIS_FAILED);
            assertThat(world.routeWeight).isZero();
        }

        @Test
        void inconclusivePausesAndPromoteStartsItAgain() {
            PlannerWorld world = healthy(rollout(null));
            newVersion(world);
            world.settle(TICK);
            world.analysisResults.put("background", AnalysisPhase.Inconclusive);
            world.settle(TICK);
            assertThat(reason(world, RolloutConditions.PROGRESSING))
                    .isEqualTo(RolloutConditions.ANALYSIS_INCONCLUSIVE);

            world.analysisResults.remove("background");
            world.pendingAction = Optional.of("promote");
            world.settle(TICK);

            assertThat(world.analysisRun("background").orElseThrow().getPhase()).isEqualTo(AnalysisPhase.Running);
            assertThat(world.rollout.getStatus().getCurrentStepIndex()).as("the promote went to the analysis, "
                    + "not to the pause step").isEqualTo(1);
        }

        @Test
        void endsWithThePromotion() {
            PlannerWorld world = healthy(rollout(null));
            newVersion(world);
            world.settle(TICK);

            world.pendingAction = Optional.of("promote-full");
            world.settle(TICK);
            int measured = world.measurements.get("background");
            world.now = world.now.plusSeconds(600);
            world.settle(TICK);

            assertThat(world.rollout.getStatus().getStableRevision()).isEqualTo(2);
            assertThat(world.measurements.get("background")).isEqualTo(measured);
        }
    }

    @Nested
    class BlueGreen {

        private PlannerWorld healthyBlueGreen(boolean pre, boolean post) {
            ServiceRollout rollout = Rollouts.blueGreen(3, true, null);
            if (pre) {
                rollout.getSpec().getStrategy().getBlueGreen().setPrePromotionAnalysis(analysis());
            }
            if (post) {
                rollout.getSpec().getStrategy().getBlueGreen().setPostPromotionAnalysis(analysis());
            }
            PlannerWorld world = new PlannerWorld(rollout, true, false);
            world.settle(TICK);
            return world;
        }

        private boolean activeServiceEverSelected(PlannerWorld world, Slot slot) {
            return world.log.stream().anyMatch(a -> a instanceof ApplyServices apply
                    && apply.stableSelectorSlot().equals(Optional.of(slot)));
        }

        @Test
        void prePromotionAnalysisHoldsAutomaticPromotionUntilSuccessful() {
            PlannerWorld world = healthyBlueGreen(true, false);
            newVersion(world);
            world.settle(TICK);

            assertThat(world.rollout.getStatus().getStage()).isEqualTo(RolloutStage.Preview);
            assertThat(world.analysisRun("pre-promotion").orElseThrow().getSlot()).isEqualTo(Slot.GREEN);
            assertThat(activeServiceEverSelected(world, Slot.GREEN)).isFalse();

            world.analysisResults.put("pre-promotion", AnalysisPhase.Successful);
            world.settle(TICK);
            assertThat(world.rollout.getStatus().getStableRevision()).isEqualTo(2);
            assertThat(world.rollout.getStatus().getActiveSlot()).isEqualTo(Slot.GREEN);
        }

        @Test
        void failedPrePromotionAnalysisKeepsTheActiveServiceOnTheOldVersion() {
            PlannerWorld world = healthyBlueGreen(true, false);
            newVersion(world);
            world.settle(TICK);

            world.analysisResults.put("pre-promotion", AnalysisPhase.Failed);
            world.settle(TICK);

            var status = world.rollout.getStatus();
            assertThat(status.getStage()).isEqualTo(RolloutStage.Aborted);
            assertThat(status.getAbortReason()).isEqualTo(RolloutConditions.ANALYSIS_FAILED);
            assertThat(status.getActiveSlot()).isEqualTo(Slot.BLUE);
            assertThat(activeServiceEverSelected(world, Slot.GREEN)).isFalse();
            assertThat(world.verdictOf(2)).isEqualTo(SnapshotVerdict.Failed);
        }

        @Test
        void postPromotionAnalysisSwitchesTheActiveServiceButKeepsTheOldVersionUntilSuccessful() {
            PlannerWorld world = healthyBlueGreen(false, true);
            newVersion(world);
            world.settle(TICK);

            var status = world.rollout.getStatus();
            assertThat(status.getStage()).isEqualTo(RolloutStage.Promoting);
            assertThat(world.last.actions()).contains(new ApplyServices(Optional.of(Slot.GREEN),
                    Optional.of(Slot.GREEN)));
            assertThat(world.replicasOf(Slot.BLUE)).isEqualTo(3);
            assertThat(status.getStableRevision()).isEqualTo(1);

            world.analysisResults.put("post-promotion", AnalysisPhase.Successful);
            world.settle(TICK);
            assertThat(world.rollout.getStatus().getStableRevision()).isEqualTo(2);
        }

        @Test
        void failedPostPromotionAnalysisSwitchesTheActiveServiceBack() {
            PlannerWorld world = healthyBlueGreen(false, true);
            newVersion(world);
            world.settle(TICK);

            world.analysisResults.put("post-promotion", AnalysisPhase.Failed);
            world.settle(TICK);

            var status = world.rollout.getStatus();
            assertThat(status.getStage()).isEqualTo(RolloutStage.Aborted);
            assertThat(status.getStableRevision()).isEqualTo(1);
            assertThat(status.getActiveSlot()).isEqualTo(Slot.BLUE);
            assertThat(world.last.actions()).contains(new ApplyServices(Optional.of(Slot.BLUE),
                    Optional.of(Slot.BLUE)));
            assertThat(world.verdictOf(2)).isEqualTo(SnapshotVerdict.Failed);
        }
    }
}
