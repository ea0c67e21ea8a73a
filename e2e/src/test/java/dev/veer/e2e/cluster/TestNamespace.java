package dev.veer.e2e.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A namespace of one test class, deleted when the class ends: every ClusterIP Service the rollouts create takes an
 * address from the cluster's service range, and the namespace controller frees them with the namespace.
 */
public final class TestNamespace implements AutoCloseable {

    private final KubernetesClient client;
    private final String name;

    private TestNamespace(KubernetesClient client, String name) {
        this.client = client;
        this.name = name;
    }

    static TestNamespace create(KubernetesClient client, String name) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("veer.dev/e2e", "true").endMetadata().build()).create();
        return new TestNamespace(client, name);
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        client.namespaces().withName(name).delete();
    }
}
