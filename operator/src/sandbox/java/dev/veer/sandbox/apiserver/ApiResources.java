package dev.veer.sandbox.apiserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The resources the sandbox's API server serves, as discovery names them: Veer's CRDs (names, short names, categories,
 * scope, subresources, schema and printer columns from the CRD) and the built-in kinds the operator, the simulated
 * workload controller and kubectl use.
 */
public final class ApiResources {

    /** One resource of a group version. */
    public record Resource(String group, String version, String plural, String singular, String kind,
            List<String> shortNames, List<String> categories, boolean namespaced, List<String> subresources,
            Optional<JsonNode> crdVersion) {

        public String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        /** The CRD's schema for this version, if it is a custom resource. */
        public Optional<CrdSchema> schema() {
            return crdVersion.map(v -> CrdSchema.of(v.at("/schema/openAPIV3Schema")));
        }
    }

    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    private final Map<String, List<Resource>> byGroupVersion = new LinkedHashMap<>();

    public ApiResources() {
        builtin("", "v1", "pods", "Pod", true, List.of("po"), List.of("status"));
        builtin("", "v1", "services", "Service", true, List.of("svc"), List.of("status"));
        builtin("", "v1", "configmaps", "ConfigMap", true, List.of("cm"), List.of());
        builtin("", "v1", "secrets", "Secret", true, List.of(), List.of());
        builtin("", "v1", "events", "Event", true, List.of("ev"), List.of());
        builtin("", "v1", "endpoints", "Endpoints", true, List.of("ep"), List.of());
        builtin("", "v1", "namespaces", "Namespace", false, List.of("ns"), List.of("status"));
        builtin("apps", "v1", "deployments", "Deployment", true, List.of("deploy"), List.of("status", "scale"));
        builtin("apps", "v1", "replicasets", "ReplicaSet", true, List.of("rs"), List.of("status", "scale"));
        builtin("coordination.k8s.io", "v1", "leases", "Lease", true, List.of(), List.of());
        builtin("events.k8s.io", "v1", "events", "Event", true, List.of("ev"), List.of());
        builtin("networking.k8s.io", "v1", "ingresses", "Ingress", true, List.of("ing"), List.of("status"));
        builtin("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false,
                List.of("crd", "crds"), List.of("status"));
        builtin("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute", true, List.of(), List.of("status"));
        builtin("networking.istio.io", "v1", "virtualservices", "VirtualService", true, List.of("vs"), List.of());
    }

    private void builtin(String group, String version, String plural, String kind, boolean namespaced,
            List<String> shortNames, List<String> subresources) {
        String singular = kind.toLowerCase();
        add(new Resource(group, version, plural, singular, kind, shortNames, List.of(), namespaced, subresources,
                Optional.empty()));
    }

    /** Adds the resources of a CustomResourceDefinition, one per served version. */
    public void addCrd(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean(true)) {
                continue;
            }
            List<String> subresources = new ArrayList<>();
            version.path("subresources").fieldNames().forEachRemaining(subresources::add);
            add(new Resource(spec.path("group").asText(), version.path("name").asText(),
                    names.path("plural").asText(), names.path("singular").asText(), names.path("kind").asText(),
                    strings(names.path("shortNames")), strings(names.path("categories")),
                    !"Cluster".equals(spec.path("scope").asText()), subresources, Optional.of(version)));
        }
    }

    private void add(Resource resource) {
        byGroupVersion.computeIfAbsent(resource.groupVersion(), gv -> new ArrayList<>()).add(resource);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    public Map<String, List<Resource>> byGroupVersion() {
        return byGroupVersion;
    }

    /** The resource a request path names: {@code /apis/veer.dev/v1alpha1/namespaces/ns/servicerollouts/x}. */
    public Optional<Resource> forPath(String path) {
        String[] parts = path.split("\\?")[0].split("/");
        int at;
        String groupVersion;
        if (parts.length > 3 && parts[1].equals("api")) {
            groupVersion = parts[2];
            at = 3;
        } else if (parts.length > 4 && parts[1].equals("apis")) {
            groupVersion = parts[2] + "/" + parts[3];
            at = 4;
        } else {
            return Optional.empty();
        }
        if (parts.length > at + 2 && parts[at].equals("namespaces")) {
            at += 2;
        }
        String plural = parts.length > at ? parts[at] : "";
        return byGroupVersion.getOrDefault(groupVersion, List.of()).stream().filter(r -> r.plural().equals(plural))
                .findFirst();
    }

    public static List<String> verbs() {
        return VERBS;
    }
}
