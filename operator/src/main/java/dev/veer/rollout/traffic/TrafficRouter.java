package dev.veer.rollout.traffic;

import java.util.List;

import dev.veer.api.HeaderMatch;

/**
 * Moves a rollout's traffic between its stable and canary slots. One implementation per data plane: the Service
 * selector (no mesh), Gateway API HTTPRoute weights, NGINX Ingress canary annotations, Istio VirtualService weights.
 *
 * <p>Every write is idempotent: the planner asks for the same weight again after an operator restart, and that must
 * change nothing. Reads ({@link #observe}) tell what the data plane is configured with, so that the planner moves on
 * only once a change is verified.
 */
public interface TrafficRouter {

    /** Short name for status messages and events, for example {@code gatewayAPI}. */
    String name();

    /**
     * True when this router splits traffic by replica counts rather than by the data plane, so that the stable slot
     * is scaled down as the canary grows (the Service selector router).
     */
    default boolean splitsByReplicas() {
        return false;
    }

    /** True when {@link #setRoute} can route by header. */
    boolean supportsHeaderRoutes();

    /**
     * Sends {@code weight} percent of the traffic to the canary slot and the rest to the stable slot, and requests that
     * match every header match to the canary slot (an empty list: no header route). Writes only what changes.
     *
     * @throws IllegalArgumentException for a route this router cannot carry (a weight outside 0..100, a header route
     *         where {@link #supportsHeaderRoutes} is false, more header matches than the data plane has)
     * @throws TrafficRoutingException when an object it routes through is missing or unusable (the user's HTTPRoute,
     *         say)
     */
    void setRoute(RouteTarget target, int weight, List<HeaderMatch> headerRoute);

    /** Reads back the weight and header route the data plane carries now. */
    RouteState observe(RouteTarget target);

    /**
     * All traffic to the stable slot and no header route; objects Veer created for routing are removed (the canary
     * Ingress, say), and objects the user owns are left pointing at the stable slot.
     */
    void reset(RouteTarget target);
}
