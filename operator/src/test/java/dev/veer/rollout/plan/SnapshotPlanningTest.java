package dev.veer.rollout.plan;

import static dev.veer.rollout.plan.Rollouts.pauseUntilPromoted;
import static dev.veer.rollout.plan.Rollouts.template;
import static dev.veer.rollout.plan.Rollouts.weight;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.veer.api.RollbackWindow;
import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.api.ServiceRollout;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.Conditions;
import dev.veer.rollout.plan.Action.SetRoute;

/** Revisions, verdicts, rollback and garbage collection of snapshots, as the planner decides them. */
class SnapshotPlanningTest {

    private static final Duration TICK = Duration.ofSeconds(1);

    private static PlannerWorld threeVersions(ServiceRollout rollout) {
        PlannerWorld world = new PlannerWorld(rollout, false, true);
        world.settle(TICK);
        for (String image : new String[] { "shop:2.0", "shop:3.0" }) {
            rollout.getSpec().setTemplate(template(image));
            world.settle(TICK);
            world.pendingAction = Optional.of("promote-full");
            world.settle(TICK);
            assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
        }
        return world;
    }

    @Test
    void eachNewTemplateIsRecordedWithTheNextRevisionAndVerdictsFollowPromotion() {
        PlannerWorld world = threeVersions(Rollouts.canary(2, weight(50), pauseUntilPromoted()));

        assertThat(world.snapshots).containsOnlyKeys(1, 2, 3);
        assertThat(world.verdictOf(1)).isEqualTo(SnapshotVerdict.Superseded);
        assertThat(world.verdictOf(2)).isEqualTo(SnapshotVerdict.Superseded);
        assertThat(world.verdictOf(3)).isEqualTo(SnapshotVerdict.Promoted);
        assertThat(world.rollout.getStatus().getStableRevision()).isEqualTo(3);
    }

    @Test
    void reapplyingARecordedTemplateReusesItsSnapshot() {
        PlannerWorld world = threeVersions(Rollouts.canary(2, weight(50), pauseUntilPromoted()));

        world.rollout.getSpec().setTemplate(template("shop:1.0"));
        world.settle(TICK);

        assertThat(world.snapshots).containsOnlyKeys(1, 2, 3);
        assertThat(world.rollout.getStatus().getCanaryRevision()).isEqualTo(1);
    }

    @Test
    void rollbackToRevisionOneGoesThroughTheCanaryStepsAndMarksTheReplacedStableRolledBack() {
        PlannerWorld world = threeVersions(Rollouts.canary(2, weight(50), pauseUntilPromoted()));
        world.log.clear();

        world.rollbackTo = Optional.of(1);
        world.settle(TICK);
        assertThat(world.rollout.getStatus().getStage()).isEqualTo(RolloutStage.Canary);
        assertThat(world.rollout.getStatus().getCanaryRevision()).isEqualTo(1);
        assertThat(world.log).anyMatch(a -> a instanceof SetRoute s && s.weight() == 50);
        world.pendingAction = Optional.of("promote");
        world.settle(TICK);

        var status = world.rollout.getStatus();
        assertThat(status.getStableRevision()).isEqualTo(1);
        assertThat(world.verdictOf(3)).isEqualTo(SnapshotVerdict.RolledBack);
        assertThat(world.verdictOf(1)).isEqualTo(SnapshotVerdict.Promoted);
        var inSync = Conditions.find(status.getConditions(), RolloutConditions.TEMPLATE_IN_SYNC).get();
        assertThat(inSync.getStatus()).isEqualTo("False");
        assertThat(inSync.getReason()).isEqualTo(RolloutConditions.ROLLED_BACK);
        assertThat(inSync.getMessage()).contains("running revision 1").contains("spec.template (revision 3)");
    }

    @Test
    void fastRollbackToThePreviousStableRevisionSkipsTheSteps() {
        ServiceRollout rollout = Rollouts.canary(2, weight(10), pauseUntilPromoted(), weight(50), pauseUntilPromoted());
        RollbackWindow window = new RollbackWindow();
        window.setRevisions(1);
        rollout.getSpec().setRollbackWindow(window);
        PlannerWorld world = threeVersions(rollout);
        world.log.clear();

        world.rollbackTo = Optional.of(2);
        world.settle(TICK);

        assertThat(world.rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
        assertThat(world.rollout.getStatus().getStableRevision()).isEqualTo(2);
        assertThat(world.log).noneMatch(a -> a instanceof SetRoute s && (s.weight() == 10 || s.weight() == 50));
        assertThat(world.hadEvent("FastRollback")).isTrue();
    }

    @Test
    void rollbackToARevisionOutsideTheWindowStillRunsTheSteps() {
        ServiceRollout rollout = Rollouts.canary(2, weight(10), pauseUntilPromoted());
        RollbackWindow window = new RollbackWindow();
        window.setRevisions(1);
        rollout.getSpec().setRollbackWindow(window);
        PlannerWorld world = threeVersions(rollout);

        world.rollbackTo = Optional.of(1);
        world.settle(TICK);

        assertThat(world.rollout.getStatus().getStage()).isEqualTo(RolloutStage.Canary);
        assertThat(world.rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Paused);
    }

    @Test
    void rollbackToAMissingRevisionIsAnInvalidSpecThatNamesTheRevisionsThereAre() {
        PlannerWorld world = threeVersions(Rollouts.canary(2, weight(50), pauseUntilPromoted()));

        world.rollbackTo = Optional.of(9);
        world.pass();

        var invalid = Conditions.find(world.rollout.getStatus().getConditions(), RolloutConditions.INVALID_SPEC)
                .get();
        assertThat(invalid.getReason()).isEqualTo(RolloutConditions.ROLLBACK_REVISION_NOT_FOUND);
        assertThat(invalid.getMessage()).contains("revision 9").contains("1, 2, 3");
        assertThat(world.last.actions()).isEmpty();
    }

    @Test
    void abortedCanaryIsMarkedRolledBackAndAFailedOneFailed() {
        ServiceRollout rollout = Rollouts.canary(2, weight(50), pauseUntilPromoted());
        rollout.getSpec().setProgressDeadlineSeconds(30);
        PlannerWorld world = new PlannerWorld(rollout, false, true);
        world.settle(TICK);
        rollout.getSpec().setTemplate(template("shop:2.0"));
        world.settle(TICK);
        world.pendingAction = Optional.of("abort");
        world.settle(TICK);
        assertThat(world.verdictOf(2)).isEqualTo(SnapshotVerdict.RolledBack);

        rollout.getSpec().setTemplate(template("shop:broken"));
        world.brokenTemplates.add(world.desiredHash());
        world.settle(TICK);
        world.now = world.now.plusSeconds(31);
        world.settle(TICK);

        assertThat(world.verdictOf(3)).isEqualTo(SnapshotVerdict.Failed);
    }

    @Test
    void historyBeyondTheLimitIsCollectedButNeverTheStableOrTheRollbackTarget() {
        ServiceRollout rollout = Rollouts.canary(2, weight(50), pauseUntilPromoted());
        rollout.getSpec().setRevisionHistoryLimit(2);
        PlannerWorld world = threeVersions(rollout);
        assertThat(world.snapshots).containsOnlyKeys(2, 3);

        world.rollbackTo = Optional.of(2);
        rollout.getSpec().setTemplate(template("shop:4.0"));
        rollout.getSpec().setTemplate(template("shop:3.0"));
        world.settle(TICK);

        assertThat(world.snapshots).containsKeys(2, 3);
    }
}
