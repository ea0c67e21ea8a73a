package dev.veer.rollout.traffic;

import java.util.Optional;

import dev.veer.api.CanaryStrategy;
import dev.veer.api.ServiceRollout;
import dev.veer.api.ServiceRolloutSpec;
import dev.veer.api.Slot;
import dev.veer.api.StrategySpec;
import dev.veer.api.TrafficRouting;
import dev.veer.rollout.model.RolloutNames;

/**
 * What a router moves traffic between: the rollout's stable slot and its canary slot, each reached through its slot
 * Service ({@code <rollout>-blue}, {@code <rollout>-green}); and, when the caller has them, the informer caches a
 * router may read instead of the API server.
 */
public record RouteTarget(ServiceRollout rollout, Slot stableSlot, Optional<ClusterView> cache) {

    public RouteTarget(ServiceRollout rollout, Slot stableSlot) {
        this(rollout, stableSlot, Optional.empty());
    }

    public Slot canarySlot() {
        return stableSlot.other();
    }

    public String namespace() {
        return rollout.getMetadata().getNamespace();
    }

    public String stableSlotService() {
        return RolloutNames.slot(rollout, stableSlot);
    }

    public String canarySlotService() {
        return RolloutNames.slot(rollout, canarySlot());
    }

    public String stableService() {
        return RolloutNames.stableService(rollout);
    }

    /** The rollout's {@code spec.strategy.canary.trafficRouting}; empty when unset. */
    public TrafficRouting trafficRouting() {
        return trafficRouting(rollout);
    }

    /** The rollout's {@code spec.strategy.canary.trafficRouting}; empty when unset. */
    public static TrafficRouting trafficRouting(ServiceRollout rollout) {
        return Optional.ofNullable(rollout.getSpec())
                .map(ServiceRolloutSpec::getStrategy)
                .map(StrategySpec::getCanary)
                .map(CanaryStrategy::getTrafficRouting)
                .orElseGet(TrafficRouting::new);
    }
}
