package dev.veer.rollout.traffic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.veer.api.HeaderMatch;
import dev.veer.api.Slot;
import dev.veer.common.ResourceWriter;
import dev.veer.rollout.model.RolloutObjects;
import dev.veer.rollout.model.RolloutNames;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Routes without a mesh or ingress: the stable Service selects the stable slot (weight 0), the canary slot (100), or
 * both slots in between, so that the split follows the ready replicas the planner sizes. No header routes.
 *
 * <p>Reads the stable Service and both slot Deployments, from the informer caches when the target brings them (every
 * pass does) and from the API server otherwise; applies the stable Service (all of its fields that Veer sets, the
 * selector included, server-side apply) only when its selector changes or it is missing, always after reading it from
 * the API server. A Service of that name that Veer did not create is not written
 * ({@link dev.veer.common.NameInUseException}).
 */
public final class ServiceSelectorRouter implements TrafficRouter {

    /** The router's name in status messages. */
    public static final String NAME = "serviceSelector";

    private final KubernetesClient client;
    private final ResourceWriter writer;

    public ServiceSelectorRouter(KubernetesClient client, ResourceWriter writer) {
        this.client = client;
        this.writer = writer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean splitsByReplicas() {
        return true;
    }

    @Override
    public boolean supportsHeaderRoutes() {
        return false;
    }

    /** @throws IllegalArgumentException for a non-empty header route or a weight outside 0..100 */
    @Override
    public void setRoute(RouteTarget target, int weight, List<HeaderMatch> headerRoute) {
        StableServiceSelector.requireNoHeaderRoute(headerRoute);
        apply(target, weight);
    }

    @Override
    public RouteState observe(RouteTarget target) {
        Optional<Service> service = target.cache().flatMap(c -> c.cachedService(target.stableService()))
                .or(() -> stableService(target));
        return StableServiceSelector.read(target, service, readyReplicas(target, target.stableSlot()),
                readyReplicas(target, target.canarySlot()));
    }

    @Override
    public void reset(RouteTarget target) {
        apply(target, 0);
    }

    private void apply(RouteTarget target, int weight) {
        Optional<Service> current = stableService(target);
        Map<String, String> selector = StableServiceSelector.forWeight(target, weight);
        if (current.isEmpty() || current.get().getSpec() == null
                || !selector.equals(current.get().getSpec().getSelector())) {
            writer.apply(RolloutObjects.stableService(target.rollout(), selector));
        }
    }

    private Optional<Service> stableService(RouteTarget target) {
        return Optional.ofNullable(client.services().inNamespace(target.namespace())
                .withName(target.stableService()).get());
    }

    private int readyReplicas(RouteTarget target, Slot slot) {
        String name = RolloutNames.slot(target.rollout(), slot);
        Deployment deployment = target.cache().isPresent() ? target.cache().get().cachedDeployment(name).orElse(null)
                : client.apps().deployments().inNamespace(target.namespace()).withName(name).get();
        if (deployment == null || deployment.getStatus() == null
                || deployment.getStatus().getReadyReplicas() == null) {
            return 0;
        }
        return deployment.getStatus().getReadyReplicas();
    }
}
