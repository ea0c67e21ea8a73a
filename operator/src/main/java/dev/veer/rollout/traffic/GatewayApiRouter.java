package dev.veer.rollout.traffic;

import java.util.List;

import dev.veer.api.GatewayApiRouting;
import dev.veer.api.HeaderMatch;
import dev.veer.common.ResourceWriter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Routes with the backendRef weights of the user's Gateway API HTTPRoute ({@code trafficRouting.gatewayAPI.httpRoute}):
 * the rule that sends traffic to the rollout gets the two slot Services with their weights, and a header route is one
 * extra rule to the canary slot (see {@link HttpRouteRules}).
 *
 * <p>Writes the HTTPRoute only when its rules change, by a server-side apply of {@code spec.rules} alone
 * ({@link HttpRouteRules#applyConfiguration}): hostnames, parentRefs and every other field stay the user's. The list of
 * rules is atomic in Gateway API's CRD, so Veer's apply carries the user's other rules as it read them a moment
 * before, and takes the ownership of the list: a GitOps tool that applies the same HTTPRoute's rules will see Veer's
 * weights as drift (tell it to ignore {@code spec.rules}, or keep Veer's rule in an HTTPRoute of its own). An
 * HTTPRoute that another controller owns is not written ({@link dev.veer.common.NameInUseException}). A missing HTTPRoute is a {@link TrafficRoutingException} for {@link #setRoute}, a problem for
 * {@link #observe} and nothing to undo for {@link #reset}.
 */
public final class GatewayApiRouter implements TrafficRouter {

    /** The router's name in status messages. */
    public static final String NAME = "gatewayAPI";

    private final KubernetesClient client;
    private final ResourceWriter writer;

    public GatewayApiRouter(KubernetesClient client, ResourceWriter writer) {
        this.client = client;
        this.writer = writer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supportsHeaderRoutes() {
        return true;
    }

    @Override
    public void setRoute(RouteTarget target, int weight, List<HeaderMatch> headerRoute) {
        HTTPRoute current = get(target);
        if (current == null) {
            throw new TrafficRoutingException(notFound(target));
        }
        write(current, HttpRouteRules.desired(current, target, weight, headerRoute));
    }

    @Override
    public RouteState observe(RouteTarget target) {
        HTTPRoute current = get(target);
        return current == null ? RouteState.problem(notFound(target)) : HttpRouteRules.read(current, target);
    }

    @Override
    public void reset(RouteTarget target) {
        HTTPRoute current = get(target);
        if (current != null) {
            write(current, HttpRouteRules.desired(current, target, 0, List.of()));
        }
    }

    private void write(HTTPRoute current, HTTPRoute desired) {
        if (!desired.getSpec().equals(current.getSpec())) {
            writer.applyTo(current, HttpRouteRules.applyConfiguration(desired));
        }
    }

    private HTTPRoute get(RouteTarget target) {
        return client.resources(HTTPRoute.class).inNamespace(target.namespace()).withName(httpRoute(target)).get();
    }

    private static String notFound(RouteTarget target) {
        return "HTTPRoute " + httpRoute(target) + " not found in namespace " + target.namespace();
    }

    private static String httpRoute(RouteTarget target) {
        GatewayApiRouting routing = target.trafficRouting().getGatewayAPI();
        if (routing == null) {
            throw new IllegalStateException("Rollout " + target.rollout().getMetadata().getName()
                    + " has no trafficRouting.gatewayAPI");
        }
        return routing.getHttpRoute();
    }
}
