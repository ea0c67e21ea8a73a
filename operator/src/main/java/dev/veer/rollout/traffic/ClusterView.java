package dev.veer.rollout.traffic;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The objects of a rollout's namespace as the operator's informer caches hold them, for routers that read them on every
 * pass. A cache may lag behind a write, never run ahead of it: a router reading it may see a weight late, never early.
 */
public interface ClusterView {

    /** The Service of that name if the cache holds it (Veer caches only the Services it manages). */
    Optional<Service> cachedService(String name);

    /** The Deployment of that name if the cache holds it. */
    Optional<Deployment> cachedDeployment(String name);
}
