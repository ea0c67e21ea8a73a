package dev.veer.sandbox.apiserver;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAPI v3 as an API server publishes it, enough for {@code kubectl explain}: {@code /openapi/v3} lists a document
 * per group version, and a custom resource's group version document holds the CRD's schema under the kind's name,
 * tagged with {@code x-kubernetes-group-version-kind}, with apiVersion, kind and metadata added as a server adds them.
 */
final class OpenApiV3 {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/openapi/v3";

    private final ApiResources resources;

    OpenApiV3(ApiResources resources) {
        this.resources = resources;
    }

    Optional<String> document(String path) {
        String p = path.split("\\?")[0];
        if (p.equals(PREFIX) || p.equals(PREFIX + "/")) {
            ObjectNode index = JSON.createObjectNode();
            ObjectNode paths = index.putObject("paths");
            resources.byGroupVersion().forEach((groupVersion, list) -> {
                String key = (groupVersion.contains("/") ? "apis/" : "api/") + groupVersion;
                paths.putObject(key).put("serverRelativeURL", PREFIX + "/" + key + "?hash=" + Integer
                        .toHexString(list.hashCode()));
            });
            return Optional.of(index.toString());
        }
        if (!p.startsWith(PREFIX + "/")) {
            return Optional.empty();
        }
        String key = p.substring(PREFIX.length() + 1);
        String groupVersion = key.replaceFirst("^apis?/", "");
        List<ApiResources.Resource> list = resources.byGroupVersion().get(groupVersion);
        if (list == null) {
            return Optional.empty();
        }
        ObjectNode document = JSON.createObjectNode().put("openapi", "3.0.0");
        document.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0");
        ObjectNode paths = document.putObject("paths");
        ObjectNode schemas = document.putObject("components").putObject("schemas");
        for (ApiResources.Resource resource : list) {
            resource.crdVersion().ifPresent(version -> {
                schemas.set(schemaName(resource), schema(resource, version.at("/schema/openAPIV3Schema")));
                addPaths(paths, resource);
            });
        }
        return Optional.of(document.toString());
    }

    /**
     * The item path of a resource, with get (kubectl explain finds the kind of a resource by it) and patch taking
     * {@code fieldValidation} (kubectl sends Strict field validation to a server whose PATCH operation lists it).
     */
    private static void addPaths(ObjectNode paths, ApiResources.Resource resource) {
        String path = "/apis/" + resource.groupVersion() + (resource.namespaced() ? "/namespaces/{namespace}/" : "/")
                + resource.plural() + "/{name}";
        ObjectNode item = paths.putObject(path);
        for (String verb : List.of("get", "put", "patch")) {
            ObjectNode operation = item.putObject(verb);
            operation.put("operationId", verb + resource.kind());
            operation.putObject("x-kubernetes-group-version-kind").put("group", resource.group())
                    .put("kind", resource.kind()).put("version", resource.version());
            operation.put("x-kubernetes-action", verb.equals("put") ? "put" : verb);
            if (!verb.equals("get")) {
                var parameters = operation.putArray("parameters");
                for (String query : List.of("dryRun", "fieldManager", "fieldValidation")) {
                    parameters.addObject().put("name", query).put("in", "query").putObject("schema")
                            .put("type", "string").put("uniqueItems", true);
                }
            }
            operation.putObject("responses").putObject("200").put("description", "OK").putObject("content")
                    .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/"
                            + schemaName(resource));
        }
    }

    private static String schemaName(ApiResources.Resource resource) {
        String[] group = resource.group().split("\\.");
        StringBuilder reversed = new StringBuilder();
        for (int i = group.length - 1; i >= 0; i--) {
            reversed.append(group[i]).append('.');
        }
        return reversed + resource.version() + "." + resource.kind();
    }

    private static ObjectNode schema(ApiResources.Resource resource, JsonNode crdSchema) {
        ObjectNode schema = crdSchema.deepCopy();
        schema.put("type", "object");
        if (!schema.has("description")) {
            schema.put("description", resource.kind() + " of " + resource.group() + " " + resource.version());
        }
        ObjectNode properties = schema.with("properties");
        properties.putObject("apiVersion").put("type", "string").put("description", "APIVersion defines the "
                + "versioned schema of this representation of an object.");
        properties.putObject("kind").put("type", "string").put("description", "Kind is a string value "
                + "representing the REST resource this object represents.");
        properties.putObject("metadata").put("type", "object").put("description", "Standard object's metadata.");
        schema.putArray("x-kubernetes-group-version-kind").addObject().put("group", resource.group())
                .put("kind", resource.kind()).put("version", resource.version());
        return schema;
    }
}
