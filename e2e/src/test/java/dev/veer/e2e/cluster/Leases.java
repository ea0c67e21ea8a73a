package dev.veer.e2e.cluster;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Reads the leader-election Lease: who holds it, for how long. */
public final class Leases {

    private Leases() {
    }

    public static Optional<Lease> get(KubernetesClient client, String namespace, String name) {
        return Optional.ofNullable(client.leases().inNamespace(namespace).withName(name).get());
    }

    /** The holder identity, empty when the Lease does not exist or was released (holder empty). */
    public static Optional<String> holder(KubernetesClient client, String namespace, String name) {
        return get(client, namespace, name).map(Lease::getSpec).map(spec -> spec.getHolderIdentity())
                .filter(holder -> !holder.isBlank());
    }
}
