package dev.veer.rollout;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import dev.veer.analysis.AnalysisOutcome;
import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.common.Labels;
import dev.veer.rollout.model.RolloutNames;
import dev.veer.rollout.plan.Observed;
import dev.veer.rollout.plan.SlotObservation;
import dev.veer.rollout.traffic.RouteTarget;
import dev.veer.rollout.traffic.TrafficRouter;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Reads what the planner needs: the two slot Deployments (from the informer cache) and what the router carries. */
final class RolloutObserver {

    private RolloutObserver() {
    }

    static Observed observe(ServiceRollout rollout, OwnedObjects owned, Desired desired, TrafficRouter router,
            Map<String, AnalysisOutcome> analyses) {
        Map<Slot, SlotObservation> slots = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            Deployment deployment = owned.deployment(RolloutNames.slot(rollout, slot));
            slots.put(slot, deployment == null ? SlotObservation.absent() : slot(deployment));
        }
        Slot stable = rollout.getStatus() == null || rollout.getStatus().getActiveSlot() == null ? Slot.BLUE
                : rollout.getStatus().getActiveSlot();
        return new Observed(desired.hash(), slots, router.observe(new RouteTarget(rollout, stable, Optional.of(owned))), router.name(),
                router.splitsByReplicas(), router.supportsHeaderRoutes(), owned.history(), desired.specHash(),
                desired.rollbackTo(), analyses, desired.configProblem());
    }

    static SlotObservation slot(Deployment deployment) {
        var status = deployment.getStatus();
        Long generation = deployment.getMetadata().getGeneration();
        boolean observedLatest = status != null && (generation == null
                || (status.getObservedGeneration() != null && status.getObservedGeneration() >= generation));
        Optional<String> hash = Optional.ofNullable(deployment.getMetadata().getAnnotations())
                .map(a -> a.get(Labels.TEMPLATE_HASH));
        return new SlotObservation(true, hash, orZero(deployment.getSpec().getReplicas()),
                status == null ? 0 : orZero(status.getReadyReplicas()),
                status == null ? 0 : orZero(status.getUpdatedReplicas()), observedLatest);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
