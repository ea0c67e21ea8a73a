package dev.veer.rollout.traffic;

import java.util.List;

import dev.veer.api.HeaderMatch;
import dev.veer.api.IstioRouting;
import dev.veer.common.ResourceWriter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * Routes with the weights of the user's Istio VirtualService ({@code trafficRouting.istio.virtualService}): its
 * managed http routes get the two slot Services with their weights, and a header route is one http route at the head
 * (see {@link VirtualServiceRoutes}).
 *
 * <p>Writes the VirtualService only when its http routes change, by a server-side apply of {@code spec.http} alone
 * ({@link VirtualServiceRoutes#applyConfiguration}); hosts, gateways and other fields stay the user's. The http list is
 * atomic in Istio's CRD, so Veer's apply carries the user's other http routes as read a moment before, and owns the
 * list. A VirtualService that another controller owns is not written ({@link dev.veer.common.NameInUseException}).
 * A missing VirtualService is a {@link TrafficRoutingException} for {@link #setRoute}, a problem for {@link #observe}
 * and nothing to undo for {@link #reset}.
 */
public final class IstioRouter implements TrafficRouter {

    /** The router's name in status messages. */
    public static final String NAME = "istio";

    private final KubernetesClient client;
    private final ResourceWriter writer;

    public IstioRouter(KubernetesClient client, ResourceWriter writer) {
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
        GenericKubernetesResource current = get(target);
        if (current == null) {
            throw new TrafficRoutingException(notFound(target));
        }
        write(target, current, VirtualServiceRoutes.desired(current, target, routing(target).getRoutes(), weight,
                headerRoute));
    }

    @Override
    public RouteState observe(RouteTarget target) {
        GenericKubernetesResource current = get(target);
        return current == null ? RouteState.problem(notFound(target))
                : VirtualServiceRoutes.read(current, target, routing(target).getRoutes());
    }

    @Override
    public void reset(RouteTarget target) {
        GenericKubernetesResource current = get(target);
        if (current != null) {
            write(target, current, VirtualServiceRoutes.desired(current, target, routing(target).getRoutes(), 0,
                    List.of()));
        }
    }

    private void write(RouteTarget target, GenericKubernetesResource current, GenericKubernetesResource desired) {
        if (!VirtualServiceRoutes.sameSpec(current, desired)) {
            writer.applyTo(VirtualServiceRoutes.VIRTUAL_SERVICES, current,
                    VirtualServiceRoutes.applyConfiguration(desired));
        }
    }

    private GenericKubernetesResource get(RouteTarget target) {
        return virtualServices(target).withName(routing(target).getVirtualService()).get();
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> virtualServices(RouteTarget target) {
        return client.genericKubernetesResources(VirtualServiceRoutes.VIRTUAL_SERVICES)
                .inNamespace(target.namespace());
    }

    private static String notFound(RouteTarget target) {
        return "VirtualService " + routing(target).getVirtualService() + " not found in namespace "
                + target.namespace();
    }

    private static IstioRouting routing(RouteTarget target) {
        IstioRouting routing = target.trafficRouting().getIstio();
        if (routing == null) {
            throw new IllegalStateException("Rollout " + target.rollout().getMetadata().getName()
                    + " has no trafficRouting.istio");
        }
        return routing;
    }
}
