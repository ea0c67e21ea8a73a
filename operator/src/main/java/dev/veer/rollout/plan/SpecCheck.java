package dev.veer.rollout.plan;

import java.util.Optional;

import dev.veer.api.ServiceRollout;
import dev.veer.rollout.model.RolloutNames;

/**
 * Checks a rollout's spec for what the CRD schema cannot check (or a cluster without CEL did not), and what depends
 * on the cluster: a header route needs a router that can route by header, and the ConfigWatches of spec.configFrom
 * must have a version to run. A failed check is reported as the
 * InvalidSpec condition; Veer then changes nothing.
 */
public final class SpecCheck {

    /** Why a spec is invalid: a condition reason and a message for people. */
    public record Problem(String reason, String message) {
    }

    private SpecCheck() {
    }

    public static Optional<Problem> check(ServiceRollout rollout, Observed observed) {
        if (observed.rollbackTo().isPresent()
                && observed.history().byRevision(observed.rollbackTo().get()).isEmpty()) {
            return Optional.of(new Problem(RolloutConditions.ROLLBACK_REVISION_NOT_FOUND, "spec.rollbackTo.revision "
                    + observed.rollbackTo().get() + " has no snapshot (revisions: " + observed.history()
                            .revisionsText() + ")"));
        }
        Optional<Problem> shape = SpecShape.check(rollout);
        if (shape.isPresent()) {
            return shape;
        }
        var strategy = rollout.getSpec().getStrategy();
        if (strategy.getCanary() != null) {
            CanarySteps steps = new CanarySteps(strategy.getCanary().getSteps());
            if (steps.usesHeaderRoutes() && !observed.routerSupportsHeaderRoutes()) {
                return Optional.of(new Problem(RolloutConditions.HEADER_ROUTE_UNSUPPORTED,
                        "a setHeaderRoute step needs spec.strategy.canary.trafficRouting (gatewayAPI, nginx or "
                                + "istio): the Service selector cannot route by header"));
            }
        }
        if (strategy.getBlueGreen() != null && strategy.getBlueGreen().getPreviewService() != null
                && strategy.getBlueGreen().getPreviewService().equals(RolloutNames.stableService(rollout))) {
            return Optional.of(new Problem(RolloutConditions.SERVICE_NAME_CONFLICT,
                    "spec.strategy.blueGreen.previewService must differ from the active Service '"
                            + RolloutNames.stableService(rollout) + "'"));
        }
        for (String name : new String[] { RolloutNames.slot(rollout, dev.veer.api.Slot.BLUE),
                RolloutNames.slot(rollout, dev.veer.api.Slot.GREEN) }) {
            if (name.equals(RolloutNames.stableService(rollout))) {
                return Optional.of(new Problem(RolloutConditions.SERVICE_NAME_CONFLICT,
                        "the stable Service may not be named '" + name + "': Veer uses that name for a slot Service"));
            }
        }
        return observed.configProblem();
    }
}
