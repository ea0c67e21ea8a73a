package dev.veer.rollout.traffic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.veer.api.HeaderMatch;
import dev.veer.rollout.model.RolloutObjects;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/**
 * The pure part of {@link ServiceSelectorRouter}: which pods the stable Service selects for a weight, and which weight
 * a selector and the slots' ready replicas amount to.
 *
 * <pre>
 *   weight 0      stable slot's pods       (veer.dev/rollout=r, veer.dev/slot=&lt;stable&gt;)
 *   weight 1..99  both slots' pods         (veer.dev/rollout=r): the split follows the ready replicas
 *   weight 100    canary slot's pods       (veer.dev/rollout=r, veer.dev/slot=&lt;canary&gt;)
 * </pre>
 */
final class StableServiceSelector {

    private StableServiceSelector() {
    }

    /** The selector of the stable Service for {@code weight}. */
    static Map<String, String> forWeight(RouteTarget target, int weight) {
        Weights.require(weight);
        if (weight == 0) {
            return RolloutObjects.slotSelector(target.rollout(), target.stableSlot());
        }
        if (weight == 100) {
            return RolloutObjects.slotSelector(target.rollout(), target.canarySlot());
        }
        return RolloutObjects.rolloutSelector(target.rollout());
    }

    /** Rejects a header route: a Service selector cannot look at requests. */
    static void requireNoHeaderRoute(List<HeaderMatch> headerRoute) {
        if (!headerRoute.isEmpty()) {
            throw new IllegalArgumentException("The " + ServiceSelectorRouter.NAME + " router cannot route by header "
                    + "(asked for " + headerRoute + "): set spec.strategy.canary.trafficRouting to gatewayAPI, nginx "
                    + "or istio to use setHeaderRoute steps");
        }
    }

    /**
     * The stable Service for {@code weight}: {@code current} with its selector replaced, or a new one from
     * {@link RolloutObjects#stableService} when there is none.
     */
    static Service desired(RouteTarget target, Optional<Service> current, int weight) {
        Map<String, String> selector = forWeight(target, weight);
        return current.map(service -> new ServiceBuilder(service).editOrNewSpec().withSelector(selector).endSpec()
                .build())
                .orElseGet(() -> RolloutObjects.stableService(target.rollout(), selector));
    }

    /**
     * The weight the stable Service carries: 0 or 100 when it selects one slot, the canary's share of the ready
     * replicas when it selects both.
     */
    static RouteState read(RouteTarget target, Optional<Service> service, int stableReady, int canaryReady) {
        if (service.isEmpty()) {
            return RouteState.problem("Service " + target.stableService() + " not found");
        }
        Map<String, String> selector = service.get().getSpec() == null ? null
                : service.get().getSpec().getSelector();
        if (forWeight(target, 0).equals(selector)) {
            return RouteState.of(0, List.of());
        }
        if (forWeight(target, 100).equals(selector)) {
            return RouteState.of(100, List.of());
        }
        if (RolloutObjects.rolloutSelector(target.rollout()).equals(selector)) {
            return RouteState.of(Weights.percent(canaryReady, (long) canaryReady + stableReady), List.of());
        }
        return RouteState.problem("Service " + target.stableService() + " selects " + selector
                + ", which is neither slot of the rollout nor both");
    }
}
