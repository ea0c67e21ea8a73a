package dev.veer.rollout;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.veer.api.ServiceRollout;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** A rollout's Deployments and Services by name, as the operator's informer caches hold them. */
record OwnedObjects(Map<String, Deployment> deployments, Map<String, Service> services) {

    static OwnedObjects of(Context<ServiceRollout> context) {
        return new OwnedObjects(byName(context.getSecondaryResourcesAsStream(Deployment.class)),
                byName(context.getSecondaryResourcesAsStream(Service.class)));
    }

    private static <T extends HasMetadata> Map<String, T> byName(java.util.stream.Stream<T> objects) {
        return objects.collect(Collectors.toMap(o -> o.getMetadata().getName(), Function.identity(), (a, b) -> a));
    }

    Deployment deployment(String name) {
        return deployments.get(name);
    }

    Service service(String name) {
        return services.get(name);
    }
}
