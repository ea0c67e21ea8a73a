package dev.veer.gitsync;

import java.util.Map;
import java.util.Optional;

import dev.veer.gitsync.plan.ApiScopes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Where the objects of a GitSync live in the API: their resource context (plural, scope). On a real API server from
 * discovery ({@link Discovery}); on fabric8's mock API server, which has no discovery, from a fixed table of the kinds
 * the tests and the sandbox use.
 */
interface ClusterApi extends ApiScopes {

    Optional<ResourceDefinitionContext> context(String apiVersion, String kind);

    static ClusterApi of(KubernetesClient client, boolean serverSideApply) {
        if (serverSideApply) {
            Discovery discovery = new Discovery(client);
            return new ClusterApi() {
                @Override
                public Optional<Boolean> namespaced(String apiVersion, String kind) {
                    return discovery.namespaced(apiVersion, kind);
                }

                @Override
                public Optional<ResourceDefinitionContext> context(String apiVersion, String kind) {
                    return discovery.context(apiVersion, kind);
                }
            };
        }
        return MockTable.INSTANCE;
    }

    /** The kinds known on the mock API server (it serves any path, but has no discovery to say which). */
    enum MockTable implements ClusterApi {
        INSTANCE;

        private static final Map<String, String> NAMESPACED = Map.of(
                "v1/ConfigMap", "configmaps", "v1/Secret", "secrets", "v1/Service", "services",
                "v1/ServiceAccount", "serviceaccounts", "apps/v1/Deployment", "deployments",
                "veer.dev/v1alpha1/ServiceRollout", "servicerollouts");
        private static final Map<String, String> CLUSTER = Map.of("v1/Namespace", "namespaces");

        @Override
        public Optional<Boolean> namespaced(String apiVersion, String kind) {
            String key = apiVersion + "/" + kind;
            return NAMESPACED.containsKey(key) ? Optional.of(true)
                    : CLUSTER.containsKey(key) ? Optional.of(false) : Optional.empty();
        }

        @Override
        public Optional<ResourceDefinitionContext> context(String apiVersion, String kind) {
            String key = apiVersion + "/" + kind;
            String plural = NAMESPACED.getOrDefault(key, CLUSTER.get(key));
            if (plural == null) {
                return Optional.empty();
            }
            int slash = apiVersion.indexOf('/');
            return Optional.of(new ResourceDefinitionContext.Builder()
                    .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                    .withVersion(slash < 0 ? apiVersion : apiVersion.substring(slash + 1))
                    .withKind(kind).withPlural(plural).withNamespaced(NAMESPACED.containsKey(key)).build());
        }
    }
}
