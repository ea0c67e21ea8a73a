package dev.veer.gitsync;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.veer.gitsync.plan.ApiScopes;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * What the API server serves, from its discovery documents, asked once per API version per pass (a pass that
 * installs CRDs sees them in the next). Also gives the resource context (plural, scope) fabric8 needs for a generic
 * object.
 */
final class Discovery implements ApiScopes {

    private final KubernetesClient client;
    private final Map<String, Map<String, APIResource>> byApiVersion = new HashMap<>();

    Discovery(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<Boolean> namespaced(String apiVersion, String kind) {
        return resource(apiVersion, kind).map(APIResource::getNamespaced);
    }

    Optional<ResourceDefinitionContext> context(String apiVersion, String kind) {
        return resource(apiVersion, kind).map(r -> new ResourceDefinitionContext.Builder()
                .withGroup(apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "")
                .withVersion(apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion)
                .withKind(kind).withPlural(r.getName()).withNamespaced(r.getNamespaced()).build());
    }

    private Optional<APIResource> resource(String apiVersion, String kind) {
        Map<String, APIResource> kinds = byApiVersion.computeIfAbsent(apiVersion, this::discover);
        return Optional.ofNullable(kinds.get(kind));
    }

    private Map<String, APIResource> discover(String apiVersion) {
        Map<String, APIResource> kinds = new HashMap<>();
        APIResourceList list;
        try {
            list = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return kinds;
            }
            throw e;
        }
        if (list != null && list.getResources() != null) {
            for (APIResource resource : list.getResources()) {
                if (!resource.getName().contains("/")) {
                    kinds.putIfAbsent(resource.getKind(), resource);
                }
            }
        }
        return kinds;
    }
}
