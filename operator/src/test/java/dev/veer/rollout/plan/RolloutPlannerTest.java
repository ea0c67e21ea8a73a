package dev.veer.rollout.plan;

import static dev.veer.rollout.plan.Rollouts.headerRoute;
import static dev.veer.rollout.plan.Rollouts.pause;
import static dev.veer.rollout.plan.Rollouts.pauseUntilPromoted;
import static dev.veer.rollout.plan.Rollouts.template;
import static dev.veer.rollout.plan.Rollouts.weight;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.common.Conditions;
import dev.veer.rollout.plan.Action.DeploySlot;
import dev.veer.rollout.plan.Action.ResetRoute;
import dev.veer.rollout.plan.Action.ScaleSlot;
import dev.veer.rollout.plan.Action.SetRoute;

class RolloutPlannerTest {

    private static final Duration TICK = Duration.ofSeconds(1);

    /** A world with a data-plane router (Gateway API and the like) and the first version healthy in blue. */
    private static PlannerWorld healthyWithRouter(ServiceRollout rollout) {
        PlannerWorld world = new PlannerWorld(rollout, false, true);
        world.settle(TICK);
        assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
        return world;
    }

    private static void newVersion(PlannerWorld world, String image) {
        world.rollout.getSpec().setTemplate(template(image));
        world.rollout.getMetadata().setGeneration(world.rollout.getMetadata().getGeneration() + 1);
    }

    @Nested
    class FirstVersion {
        @Test
        void deploysToBlueAndBecomesHealthyWithRevisionOne() {
            PlannerWorld world = new PlannerWorld(Rollouts.canary(3, weight(50)), false, true);

            world.settle(TICK);

            var status = world.rollout.getStatus();
            assertThat(status.getStage()).isEqualTo(RolloutStage.Stable);
            assertThat(status.getActiveSlot()).isEqualTo(Slot.BLUE);
            assertThat(status.getStableRevision()).isEqualTo(1);
            assertThat(status.getCanaryRevision()).isNull();
            assertThat(world.replicasOf(Slot.BLUE)).isEqualTo(3);
            assertThat(Conditions.isTrue(status.getConditions(), RolloutConditions.READY)).isTrue();
            assertThat(world.hadEvent("Deployed")).isTrue();
        }

        @Test
        void podsThatNeverBecomeReadyDegradeTheRolloutAfterTheDeadline() {
            ServiceRollout rollout = Rollouts.canary(2, weight(50));
            rollout.getSpec().setProgressDeadlineSeconds(60);
            PlannerWorld world = new PlannerWorld(rollout, false, true);
            world.brokenTemplates.add(world.desiredHash());

            world.pass();
            world.now = world.now.plusSeconds(61);
            world.pass();

            assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Degraded);
            assertThat(Conditions.find(rollout.getStatus().getConditions(), RolloutConditions.DEGRADED).get()
                    .getReason()).isEqualTo(RolloutConditions.PROGRESS_DEADLINE_EXCEEDED);
        }
    }

    @Nested
    class Canary {
        @Test
        void walksEveryStepInOrderAndPromotesToHealthy() {
            ServiceRollout rollout = Rollouts.canary(4, weight(20), pause("30s"), weight(50), pauseUntilPromoted(),
                    weight(80));
            PlannerWorld world = healthyWithRouter(rollout);

            newVersion(world, "shop:2.0");
            world.settle(TICK);
            assertThat(rollout.getStatus().getCurrentStepIndex()).isEqualTo(1);
            assertThat(rollout.getStatus().getCanaryWeight()).isEqualTo(20);
            assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Paused);

            world.now = world.now.plusSeconds(30);
            world.settle(TICK);
            assertThat(rollout.getStatus().getCurrentStepIndex()).isEqualTo(3);
            assertThat(rollout.getStatus().getCanaryWeight()).isEqualTo(50);
            assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Paused);
            assertThat(Conditions.find(rollout.getStatus().getConditions(), RolloutConditions.PROGRESSING).get()
                    .getReason()).isEqualTo(RolloutConditions.PAUSED_AT_STEP);

            world.pendingAction = Optional.of("promote");
            world.settle(TICK);

            var status = rollout.getStatus();
            assertThat(status.getPhase()).isEqualTo(RolloutPhase.Healthy);
            assertThat(status.getActiveSlot()).isEqualTo(Slot.GREEN);
            assertThat(status.getStableRevision()).isEqualTo(2);
            assertThat(status.getCanaryWeight()).isZero();
            assertThat(world.log).filteredOn(SetRoute.class::isInstance).map(a -> ((SetRoute) a).weight())
                    .containsSubsequence(20, 50, 80, 100);
            assertThat(world.hadEvent("Promoted")).isTrue();
            assertThat(world.events).filteredOn(e -> e.reason().equals("WeightChanged")).map(RolloutEvent::message)
                    .anyMatch(m -> m.contains("0% -> 20%")).anyMatch(m -> m.contains("20% -> 50%"));
        }

        @Test
        void dataPlaneRoutingKeepsStableAtFullCapacityThroughoutTheCanary() {
            ServiceRollout rollout = Rollouts.canary(4, weight(25), pauseUntilPromoted());
            PlannerWorld world = healthyWithRouter(rollout);

            newVersion(world, "shop:2.0");
            world.settle(TICK);

            assertThat(world.replicasOf(Slot.BLUE)).isEqualTo(4);
            assertThat(world.replicasOf(Slot.GREEN)).isEqualTo(1);
            assertThat(world.log).noneMatch(a -> a instanceof ScaleSlot s && s.slot() == Slot.BLUE && s.replicas() < 4);
        }

        @Test
        void serviceSelectorSplitSizesBothSlotsByWeight() {
            ServiceRollout rollout = Rollouts.canary(10, weight(30), pauseUntilPromoted());
            PlannerWorld world = new PlannerWorld(rollout, true, false);
            world.settle(TICK);

            newVersion(world, "shop:2.0");
            world.settle(TICK);

            assertThat(world.replicasOf(Slot.GREEN)).isEqualTo(3);
            assertThat(world.replicasOf(Slot.BLUE)).isEqualTo(7);
            assertThat(rollout.getStatus().getCanaryWeight()).isEqualTo(30);
        }

        @Test
        void trafficMovesOnlyAfterTheCanaryPodsAreReady() {
            ServiceRollout rollout = Rollouts.canary(2, weight(50));
            PlannerWorld world = healthyWithRouter(rollout);
            newVersion(world, "shop:2.0");
            world.brokenTemplates.add(world.desiredHash());

            world.settle(TICK);

            assertThat(world.log).noneMatch(a -> a instanceof SetRoute s && s.weight() > 0);
            assertThat(world.routeWeight).isZero();
            assertThat(rollout.getStatus().getMessage()).contains("waiting for 1 pod(s) in slot green");
        }

        @Test
        void aStepWaitsUntilTheRouterReadsBackTheWeight() {
            ServiceRollout rollout = Rollouts.canary(2, weight(40), weight(60));
            PlannerWorld world = healthyWithRouter(rollout);
            world.routerApplies = false;

            newVersion(world, "shop:2.0");
            world.settle(TICK);

            assertThat(rollout.getStatus().getCurrentStepIndex()).isZero();
            assertThat(rollout.getStatus().getMessage()).contains("waiting for the router to carry weight 40");
            assertThat(world.last.requeueAfter()).contains(RolloutPlanner.ROUTE_RECHECK);
        }

        @Test
        void promoteFullSkipsTheRemainingSteps() {
            ServiceRollout rollout = Rollouts.canary(2, weight(10), pauseUntilPromoted(), weight(50), pause("1h"));
            PlannerWorld world = healthyWithRouter(rollout);
            newVersion(world, "shop:2.0");
            world.settle(TICK);

            world.pendingAction = Optional.of("promote-full");
            world.settle(TICK);

            assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
            assertThat(rollout.getStatus().getActiveSlot()).isEqualTo(Slot.GREEN);
            assertThat(world.log).noneMatch(a -> a instanceof SetRoute s && s.weight() == 50);
        }

        @Test
        void specPausedHoldsTheCurrentStep() {
            ServiceRollout rollout = Rollouts.canary(2, weight(10), weight(50));
            PlannerWorld world = healthyWithRouter(rollout);
            rollout.getSpec().setPaused(true);

            newVersion(world, "shop:2.0");
            world.settle(TICK);

            assertThat(rollout.getStatus().getCurrentStepIndex()).isZero();
            assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Paused);
            assertThat(Conditions.find(rollout.getStatus().getConditions(), RolloutConditions.PROGRESSING).get()
                    .getReason()).isEqualTo(RolloutConditions.PAUSED_BY_SPEC);
        }

        @Test
        void headerRouteIsSetAtItsStepAndRemovedOnPromotion() {
            ServiceRollout rollout = Rollouts.canary(2, headerRoute("X-Canary", "yes"), pauseUntilPromoted());
            PlannerWorld world = healthyWithRouter(rollout);
            newVersion(world, "shop:2.0");
            world.settle(TICK);
            assertThat(world.routeHeaders).hasSize(1);
            assertThat(rollout.getStatus().getHeaderRoute()).hasSize(1);

            world.pendingAction = Optional.of("promote");
            world.settle(TICK);

            assertThat(world.routeHeaders).isEmpty();
            assertThat(rollout.getStatus().getHeaderRoute()).isNull();
        }

        @Test
        void restartedOperatorReplansTheSameWeightMidStep() {
            ServiceRollout rollout = Rollouts.canary(4, weight(20), pause("10m"), weight(60));
            PlannerWorld world = healthyWithRouter(rollout);
            newVersion(world, "shop:2.0");
            world.settle(TICK);
            int weightBefore = world.routeWeight;

            // A fresh planner pass from the persisted status alone (what a restarted operator does).
            Plan again = RolloutPlanner.plan(rollout, world.observed(), Optional.empty(), world.now.plusSeconds(5));

            assertThat(again.actions()).filteredOn(SetRoute.class::isInstance)
                    .allMatch(a -> ((SetRoute) a).weight() == weightBefore);
            assertThat(again.status().getCurrentStepIndex()).isEqualTo(1);
        }
    }

    @Nested
    class Abort {
        @Test
        void abortReturnsAllTrafficToStableBeforeScalingDownCanary() {
            ServiceRollout rollout = Rollouts.canary(4, weight(50), pauseUntilPromoted());
            PlannerWorld world = new PlannerWorld(rollout, true, false);
            world.settle(TICK);
            newVersion(world, "shop:2.0");
            world.settle(TICK);
            assertThat(world.replicasOf(Slot.BLUE)).isEqualTo(2);
            world.log.clear();

            world.pendingAction = Optional.of("abort");
            world.settle(TICK);

            int capacity = indexOf(world.log, a -> a instanceof ScaleSlot s && s.slot() == Slot.BLUE
                    && s.replicas() == 4);
            int traffic = indexOf(world.log, ResetRoute.class::isInstance);
            assertThat(capacity).isNotNegative();
            assertThat(traffic).isGreaterThan(capacity);
            assertThat(world.log).noneMatch(a -> a instanceof ScaleSlot s && s.slot() == Slot.GREEN);
            assertThat(world.routeWeight).isZero();
            assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Degraded);
            assertThat(rollout.getStatus().getStage()).isEqualTo(RolloutStage.Aborted);
            assertThat(Conditions.find(rollout.getStatus().getConditions(), RolloutConditions.DEGRADED).get()
                    .getReason()).isEqualTo(RolloutConditions.ABORTED_BY_USER);

            world.now = world.now.plusSeconds(31);
            world.settle(TICK);
            assertThat(world.replicasOf(Slot.GREEN)).isZero();
        }

        @Test
        void anAbortedRolloutWhoseTemplateIsTheStableOneAgainReturnsToHealthyWithAnEvent() {
            ServiceRollout rollout = Rollouts.canary(4, weight(50), pauseUntilPromoted());
            PlannerWorld world = new PlannerWorld(rollout, true, false);
            world.settle(TICK);
            newVersion(world, "shop:2.0");
            world.settle(TICK);
            world.pendingAction = Optional.of("abort");
            world.settle(TICK);

            newVersion(world, "shop:1.0");
            world.settle(TICK);

            assertThat(rollout.getStatus().getStage()).isEqualTo(RolloutStage.Stable);
            assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
            assertThat(rollout.getStatus().getAbortReason()).isNull();
            assertThat(rollout.getStatus().getAbortMessage()).isNull();
            assertThat(world.events).anySatisfy(e -> {
                assertThat(e.reason()).isEqualTo("ReturnedToStable");
                assertThat(e.message()).contains("is revision 1 again; held revision 2 is dropped");
            });
        }

        @Test
        void abortWaitsForStableCapacityBeforeMovingTraffic() {
            ServiceRollout rollout = Rollouts.canary(4, weight(50), pauseUntilPromoted());
            PlannerWorld world = new PlannerWorld(rollout, true, false);
            world.settle(TICK);
            String stableHash = world.desiredHash();
            newVersion(world, "shop:2.0");
            world.settle(TICK);
            int weightBefore = world.routeWeight;
            world.brokenTemplates.add(stableHash);

            world.pendingAction = Optional.of("abort");
            world.settle(TICK);

            assertThat(rollout.getStatus().getStage()).isEqualTo(RolloutStage.Aborting);
            assertThat(world.routeWeight).isEqualTo(weightBefore);
            assertThat(world.log).noneMatch(ResetRoute.class::isInstance);
            assertThat(Conditions.find(rollout.getStatus().getConditions(), RolloutConditions.DEGRADED).get()
                    .getReason()).isEqualTo(RolloutConditions.WAITING_FOR_STABLE_CAPACITY);
        }

        @Test
        void canaryThatNeverBecomesReadyIsAbortedAtTheDeadline() {
            ServiceRollout rollout = Rollouts.canary(2, weight(50));
            rollout.getSpec().setProgressDeadlineSeconds(120);
            PlannerWorld world = healthyWithRouter(rollout);
            newVersion(world, "shop:broken");
            world.brokenTemplates.add(world.desiredHash());
            world.settle(TICK);
            assertThat(world.last.requeueAfter()).isPresent();

            world.now = world.now.plusSeconds(121);
            world.settle(TICK);

            assertThat(rollout.getStatus().getStage()).isEqualTo(RolloutStage.Aborted);
            assertThat(rollout.getStatus().getAbortReason()).isEqualTo(RolloutConditions.PROGRESS_DEADLINE_EXCEEDED);
            assertThat(world.routeWeight).isZero();
        }

        @Test
        void retryRunsTheAbortedRevisionFromTheFirstStep() {
            ServiceRollout rollout = Rollouts.canary(2, weight(30), pauseUntilPromoted());
            PlannerWorld world = healthyWithRouter(rollout);
            newVersion(world, "shop:2.0");
            world.settle(TICK);
            world.pendingAction = Optional.of("abort");
            world.settle(TICK);

            world.pendingAction = Optional.of("retry");
            world.settle(TICK);

            assertThat(rollout.getStatus().getStage()).isEqualTo(RolloutStage.Canary);
            assertThat(rollout.getStatus().getCanaryRevision()).isEqualTo(2);
            assertThat(rollout.getStatus().getCanaryWeight()).isEqualTo(30);
            assertThat(world.hadEvent("Retried")).isTrue();
        }

        @Test
        void revertingTheTemplateMidCanaryReturnsToHealthy() {
            ServiceRollout rollout = Rollouts.canary(2, weight(30), pauseUntilPromoted());
            PlannerWorld world = healthyWithRouter(rollout);
            newVersion(world, "shop:2.0");
            world.settle(TICK);

            newVersion(world, "shop:1.0");
            world.settle(TICK);

            assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
            assertThat(rollout.getStatus().getActiveSlot()).isEqualTo(Slot.BLUE);
            assertThat(world.routeWeight).isZero();
            assertThat(world.hadEvent("RolledBack")).isTrue();
        }
    }

    @Nested
    class NewVersionMidRollout {
        @Test
        void trafficLeavesTheOldCanaryBeforeItIsReplacedAndStepsRestart() {
            ServiceRollout rollout = Rollouts.canary(2, weight(30), pauseUntilPromoted());
            PlannerWorld world = healthyWithRouter(rollout);
            newVersion(world, "shop:2.0");
            world.settle(TICK);
            assertThat(world.routeWeight).isEqualTo(30);
            world.log.clear();

            newVersion(world, "shop:3.0");
            world.settle(TICK);

            int drain = indexOf(world.log, a -> a instanceof SetRoute s && s.weight() == 0);
            int replace = indexOf(world.log, a -> a instanceof DeploySlot d && d.slot() == Slot.GREEN);
            assertThat(drain).isNotNegative();
            assertThat(replace).isGreaterThan(drain);
            assertThat(rollout.getStatus().getCanaryRevision()).isEqualTo(3);
            assertThat(rollout.getStatus().getCurrentStepIndex()).isEqualTo(1);
            assertThat(world.hadEvent("RolloutRestarted")).isTrue();
        }
    }

    @Nested
    class BlueGreen {
        @Test
        void previewWaitsForPromotionThenSwitchesActiveAndScalesOldDownAfterDelay() {
            ServiceRollout rollout = Rollouts.blueGreen(3, false, null);
            PlannerWorld world = new PlannerWorld(rollout, true, false);
            world.settle(TICK);
            newVersion(world, "shop:2.0");
            world.settle(TICK);
            assertThat(rollout.getStatus().getStage()).isEqualTo(RolloutStage.Preview);
            assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Paused);
            assertThat(rollout.getStatus().getActiveSlot()).isEqualTo(Slot.BLUE);
            assertThat(world.log).anyMatch(a -> a instanceof Action.ApplyServices s
                    && s.previewSlot().equals(Optional.of(Slot.GREEN))
                    && s.stableSelectorSlot().equals(Optional.of(Slot.BLUE)));

            world.pendingAction = Optional.of("promote");
            world.settle(TICK);

            assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
            assertThat(rollout.getStatus().getActiveSlot()).isEqualTo(Slot.GREEN);
            assertThat(world.replicasOf(Slot.BLUE)).isEqualTo(3);
            world.now = world.now.plusSeconds(31);
            world.settle(TICK);
            assertThat(world.replicasOf(Slot.BLUE)).isZero();
        }

        @Test
        void autoPromotionWaitsTheConfiguredSecondsAfterThePreviewIsReady() {
            ServiceRollout rollout = Rollouts.blueGreen(2, true, 60);
            PlannerWorld world = new PlannerWorld(rollout, true, false);
            world.settle(TICK);
            newVersion(world, "shop:2.0");
            world.settle(TICK);
            assertThat(rollout.getStatus().getStage()).isEqualTo(RolloutStage.Preview);

            world.now = world.now.plusSeconds(60);
            world.settle(TICK);

            assertThat(rollout.getStatus().getActiveSlot()).isEqualTo(Slot.GREEN);
            assertThat(rollout.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
        }

        @Test
        void previewThatNeverBecomesReadyIsAbortedAndActiveStaysOnTheOldVersion() {
            ServiceRollout rollout = Rollouts.blueGreen(2, true, null);
            rollout.getSpec().setProgressDeadlineSeconds(30);
            PlannerWorld world = new PlannerWorld(rollout, true, false);
            world.settle(TICK);
            newVersion(world, "shop:broken");
            world.brokenTemplates.add(world.desiredHash());
            world.settle(TICK);

            world.now = world.now.plusSeconds(31);
            world.settle(TICK);

            assertThat(rollout.getStatus().getStage()).isEqualTo(RolloutStage.Aborted);
            assertThat(rollout.getStatus().getActiveSlot()).isEqualTo(Slot.BLUE);
        }
    }

    @Nested
    class Input {
        @Test
        void headerRouteWithoutADataPlaneRouterIsAnInvalidSpecAndChangesNothing() {
            ServiceRollout rollout = Rollouts.canary(2, headerRoute("X-Canary", "yes"));
            Plan plan = RolloutPlanner.plan(rollout, new PlannerWorld(rollout, true, false).observed(),
                    Optional.empty(), java.time.Instant.EPOCH);

            assertThat(plan.actions()).isEmpty();
            assertThat(plan.status().getPhase()).isEqualTo(RolloutPhase.Degraded);
            var invalid = Conditions.find(plan.status().getConditions(), RolloutConditions.INVALID_SPEC).get();
            assertThat(invalid.getStatus()).isEqualTo("True");
            assertThat(invalid.getReason()).isEqualTo(RolloutConditions.HEADER_ROUTE_UNSUPPORTED);
        }

        @Test
        void unknownActionIsReportedAndConsumed() {
            ServiceRollout rollout = Rollouts.canary(1, weight(50));
            Plan plan = RolloutPlanner.plan(rollout, new PlannerWorld(rollout, false, true).observed(),
                    Optional.of("promot"), java.time.Instant.EPOCH);

            assertThat(plan.actionConsumed()).isTrue();
            assertThat(plan.events()).anyMatch(e -> e.warning() && e.reason().equals("UnknownAction"));
        }

        @Test
        void actionThatDoesNotApplyIsReportedAndConsumed() {
            ServiceRollout rollout = Rollouts.canary(1, weight(50));
            PlannerWorld world = healthyWithRouter(rollout);
            world.pendingAction = Optional.of("promote");

            world.pass();

            assertThat(world.last.actionConsumed()).isTrue();
            assertThat(world.last.events()).anyMatch(e -> e.reason().equals("ActionIgnored"));
        }

        @Test
        void conditionTransitionTimeChangesOnlyWhenItsStatusChanges() {
            ServiceRollout rollout = Rollouts.canary(1, weight(50));
            PlannerWorld world = healthyWithRouter(rollout);
            String readySince = Conditions.find(rollout.getStatus().getConditions(), RolloutConditions.READY).get()
                    .getLastTransitionTime();

            world.now = world.now.plusSeconds(300);
            world.pass();

            assertThat(Conditions.find(rollout.getStatus().getConditions(), RolloutConditions.READY).get()
                    .getLastTransitionTime()).isEqualTo(readySince);
        }
    }

    private static int indexOf(List<Action> log, java.util.function.Predicate<Action> which) {
        for (int i = 0; i < log.size(); i++) {
            if (which.test(log.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
