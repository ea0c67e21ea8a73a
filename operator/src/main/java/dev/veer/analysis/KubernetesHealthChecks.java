package dev.veer.analysis;

import java.util.Optional;

import dev.veer.api.HealthCheck;
import dev.veer.api.HealthCheckSpec;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Reads HealthChecks from the API server, at each resolution (a measurement pass at most every few seconds). */
public final class KubernetesHealthChecks implements HealthCheckSource {

    private final KubernetesClient client;

    public KubernetesHealthChecks(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<HealthCheckSpec> find(String namespace, String name) {
        return Optional.ofNullable(client.resources(HealthCheck.class).inNamespace(namespace).withName(name).get())
                .map(HealthCheck::getSpec);
    }
}
