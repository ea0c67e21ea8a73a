package dev.veer.rollout;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.veer.api.ConfigWatch;
import dev.veer.api.ServiceRollout;
import dev.veer.api.Snapshot;
import dev.veer.rollout.traffic.ClusterView;
import dev.veer.snapshot.SnapshotHistory;
import dev.veer.snapshot.SnapshotRecord;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * A rollout's Deployments, Services and Snapshots, and the ConfigWatches its spec.configFrom names, as the
 * operator's informer caches hold them.
 */
record OwnedObjects(Map<String, Deployment> deployments, Map<String, Service> services,
        List<Snapshot> snapshots, Map<String, ConfigWatch> configWatches) implements ClusterView {

    static OwnedObjects of(Context<ServiceRollout> context) {
        return new OwnedObjects(byName(context.getSecondaryResourcesAsStream(Deployment.class)),
                byName(context.getSecondaryResourcesAsStream(Service.class)),
                context.getSecondaryResourcesAsStream(Snapshot.class).toList(),
                byName(context.getSecondaryResourcesAsStream(ConfigWatch.class)));
    }

    SnapshotHistory history() {
        return new SnapshotHistory(snapshots.stream().map(SnapshotRecord::of).toList());
    }

    Optional<Snapshot> snapshot(int revision) {
        return snapshots.stream().filter(s -> s.getSpec().getRevision() == revision).findFirst();
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

    @Override
    public Optional<Service> cachedService(String name) {
        return Optional.ofNullable(services.get(name));
    }

    @Override
    public Optional<Deployment> cachedDeployment(String name) {
        return Optional.ofNullable(deployments.get(name));
    }
}
