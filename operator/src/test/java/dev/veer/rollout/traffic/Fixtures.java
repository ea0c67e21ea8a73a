package dev.veer.rollout.traffic;

import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.testing.Golden;

/** Inputs shared by the router tests: the golden cases' rollouts, with blue as the stable slot. */
final class Fixtures {

    static final String NAMESPACE = "shop";

    private Fixtures() {
    }

    /** The rollout of a golden case, blue stable and green canary. */
    static RouteTarget target(String goldenCase) {
        return new RouteTarget(Golden.of(goldenCase).input("rollout.yaml", ServiceRollout.class), Slot.BLUE);
    }

    /** The same rollout after a promotion: green stable, blue canary. */
    static RouteTarget flipped(RouteTarget target) {
        return new RouteTarget(target.rollout(), target.canarySlot());
    }
}
