package dev.veer.rollout.traffic;

import java.util.List;
import java.util.Optional;

import dev.veer.api.HeaderMatch;
import dev.veer.api.NginxRouting;
import dev.veer.common.ResourceWriter;
import dev.veer.rollout.model.RolloutNames;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Routes with ingress-nginx canary annotations: beside the user's Ingress ({@code trafficRouting.nginx.stableIngress},
 * left untouched) Veer keeps a canary Ingress, {@code <stableIngress>-veer-canary}, owned by the rollout, that sends
 * the weight and at most one header match to the canary slot (see {@link CanaryIngress}).
 *
 * <p>Applies the canary Ingress (server-side apply, all of it Veer's) only when it changes, and deletes it on
 * {@link #reset}: no canary Ingress means weight 0 and no header route. An Ingress of that name that Veer did not
 * create is neither written ({@link dev.veer.common.NameInUseException}) nor deleted.
 */
public final class NginxRouter implements TrafficRouter {

    /** The router's name in status messages. */
    public static final String NAME = "nginx";

    private final KubernetesClient client;
    private final ResourceWriter writer;

    public NginxRouter(KubernetesClient client, ResourceWriter writer) {
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

    /** @throws IllegalArgumentException for more than one header match or a weight outside 0..100 */
    @Override
    public void setRoute(RouteTarget target, int weight, List<HeaderMatch> headerRoute) {
        Ingress user = get(target, stableIngress(target))
                .orElseThrow(() -> new TrafficRoutingException(notFound(target)));
        Ingress desired = CanaryIngress.desired(user, target, weight, headerRoute);
        Optional<Ingress> current = get(target, desired.getMetadata().getName());
        if (current.isEmpty() || !CanaryIngress.update(current.get(), desired).equals(current.get())) {
            writer.apply(desired);
        }
    }

    @Override
    public RouteState observe(RouteTarget target) {
        if (get(target, stableIngress(target)).isEmpty()) {
            return RouteState.problem(notFound(target));
        }
        return CanaryIngress.read(get(target, canaryIngress(target)), target);
    }

    @Override
    public void reset(RouteTarget target) {
        get(target, canaryIngress(target)).filter(canary -> isOwnedBy(canary, target))
                .ifPresent(canary -> client.resource(canary).delete());
    }

    /** Only the rollout's own canary Ingress is deleted, never an Ingress of that name that someone else made. */
    private static boolean isOwnedBy(Ingress canary, RouteTarget target) {
        String uid = target.rollout().getMetadata().getUid();
        return canary.getMetadata().getOwnerReferences() != null && canary.getMetadata().getOwnerReferences()
                .stream().anyMatch(ref -> uid != null && uid.equals(ref.getUid()));
    }

    private Optional<Ingress> get(RouteTarget target, String name) {
        return Optional.ofNullable(client.network().v1().ingresses().inNamespace(target.namespace())
                .withName(name).get());
    }

    private static String notFound(RouteTarget target) {
        return "Ingress " + stableIngress(target) + " not found in namespace " + target.namespace();
    }

    private static String canaryIngress(RouteTarget target) {
        return RolloutNames.canaryIngress(stableIngress(target));
    }

    private static String stableIngress(RouteTarget target) {
        NginxRouting routing = target.trafficRouting().getNginx();
        if (routing == null) {
            throw new IllegalStateException("Rollout " + target.rollout().getMetadata().getName()
                    + " has no trafficRouting.nginx");
        }
        return routing.getStableIngress();
    }
}
