package dev.veer.rollout.plan;

import java.util.Map;
import java.util.Optional;

import dev.veer.analysis.AnalysisOutcome;
import dev.veer.api.Slot;
import dev.veer.rollout.traffic.RouteState;
import dev.veer.snapshot.SnapshotHistory;

/**
 * The world as the reconciler observed it before planning: the two slots, and what the traffic router carries.
 *
 * @param desiredTemplateHash hash of the pod template to run: spec.template, or the snapshot spec.rollbackTo names
 * @param routerName the router's name, for messages
 * @param routerSplitsByReplicas whether the router splits traffic by replica counts (no mesh)
 * @param routerSupportsHeaderRoutes whether the router can route by header
 * @param history the rollout's snapshots
 * @param specTemplateHash hash of spec.template
 * @param rollbackTo the revision spec.rollbackTo names, if set
 * @param analyses the runs of {@code status.analysisRuns} measured before this pass, by run name
 * @param configProblem why spec.configFrom cannot be resolved yet (a ConfigWatch missing or without a version)
 */
public record Observed(String desiredTemplateHash, Map<Slot, SlotObservation> slots, RouteState route,
        String routerName, boolean routerSplitsByReplicas, boolean routerSupportsHeaderRoutes,
        SnapshotHistory history, String specTemplateHash, Optional<Integer> rollbackTo,
        Map<String, AnalysisOutcome> analyses, Optional<SpecCheck.Problem> configProblem) {

    /** Without spec.configFrom, or with every ConfigWatch it names resolved. */
    public Observed(String desiredTemplateHash, Map<Slot, SlotObservation> slots, RouteState route,
            String routerName, boolean routerSplitsByReplicas, boolean routerSupportsHeaderRoutes,
            SnapshotHistory history, String specTemplateHash, Optional<Integer> rollbackTo,
            Map<String, AnalysisOutcome> analyses) {
        this(desiredTemplateHash, slots, route, routerName, routerSplitsByReplicas, routerSupportsHeaderRoutes,
                history, specTemplateHash, rollbackTo, analyses, Optional.empty());
    }

    public SlotObservation slot(Slot slot) {
        return slots.getOrDefault(slot, SlotObservation.absent());
    }
}
