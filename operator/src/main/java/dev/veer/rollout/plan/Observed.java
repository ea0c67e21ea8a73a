package dev.veer.rollout.plan;

import java.util.Map;

import dev.veer.api.Slot;
import dev.veer.rollout.traffic.RouteState;

/**
 * The world as the reconciler observed it before planning: the two slots, and what the traffic router carries.
 *
 * @param desiredTemplateHash hash of spec.template
 * @param routerName the router's name, for messages
 * @param routerSplitsByReplicas whether the router splits traffic by replica counts (no mesh)
 * @param routerSupportsHeaderRoutes whether the router can route by header
 */
public record Observed(String desiredTemplateHash, Map<Slot, SlotObservation> slots, RouteState route,
        String routerName, boolean routerSplitsByReplicas, boolean routerSupportsHeaderRoutes) {

    public SlotObservation slot(Slot slot) {
        return slots.getOrDefault(slot, SlotObservation.absent());
    }
}
