package dev.veer.rollout.traffic;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.testing.Golden;

/**
 * What each router writes for a rollout at weight 30 (blue stable, green canary), against golden files: the input
 * rollout and the user's object in, the object the router would write out.
 */
class TrafficRoutingGoldenTest {

    @Test
    void serviceSelectorSelectsBothSlotsBetweenZeroAndOneHundred() {
        Golden golden = Golden.of("service-selector");

        golden.assertMatches("service-stable-weight-30.yaml",
                StableServiceSelector.desired(target(golden), Optional.empty(), 30));
    }

    private static RouteTarget target(Golden golden) {
        return new RouteTarget(golden.input("rollout.yaml", ServiceRollout.class), Slot.BLUE);
    }
}
