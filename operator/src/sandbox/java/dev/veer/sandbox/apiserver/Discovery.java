package dev.veer.sandbox.apiserver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The discovery documents kubectl reads before anything else: {@code /version}, {@code /api} (APIVersions),
 * {@code /apis} (APIGroupList), and each group version's APIResourceList with short names, categories, verbs, scope
 * and subresources. Served in the unaggregated form, which kubectl falls back to.
 */
final class Discovery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiResources resources;

    Discovery(ApiResources resources) {
        this.resources = resources;
    }

    /** The document at {@code path}, if it is a discovery path. */
    Optional<String> document(String path) {
        String p = path.split("\\?")[0];
        if (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/version")) {
            return Optional.of(version());
        }
        if (p.equals("/api")) {
            ObjectNode versions = JSON.createObjectNode().put("kind", "APIVersions");
            versions.putArray("versions").add("v1");
            versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                    .put("serverAddress", "127.0.0.1");
            return Optional.of(versions.toString());
        }
        if (p.equals("/apis")) {
            return Optional.of(groups());
        }
        String[] parts = p.split("/");
        if (parts.length == 3 && parts[1].equals("api")) {
            return resourceList(parts[2]);
        }
        if (parts.length == 4 && parts[1].equals("apis")) {
            return resourceList(parts[2] + "/" + parts[3]);
        }
        if (parts.length == 3 && parts[1].equals("apis")) {
            return group(parts[2]).map(ObjectNode::toString);
        }
        return Optional.empty();
    }

    private static String version() {
        return JSON.createObjectNode().put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0-veer-sandbox")
                .put("gitCommit", "").put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z")
                .put("goVersion", "go1.23").put("compiler", "gc").put("platform", "linux/amd64").toString();
    }

    private String groups() {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (String name : groupVersions().keySet()) {
            if (!name.isEmpty()) {
                groups.add(group(name).orElseThrow());
            }
        }
        return list.toString();
    }

    private Map<String, List<String>> groupVersions() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String groupVersion : resources.byGroupVersion().keySet()) {
            int slash = groupVersion.indexOf('/');
            String group = slash < 0 ? "" : groupVersion.substring(0, slash);
            groups.computeIfAbsent(group, g -> new java.util.ArrayList<>()).add(groupVersion);
        }
        return groups;
    }

    private Optional<ObjectNode> group(String name) {
        List<String> versions = groupVersions().get(name);
        if (versions == null || name.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode group = JSON.createObjectNode().put("kind", "APIGroup").put("apiVersion", "v1").put("name", name);
        ArrayNode list = group.putArray("versions");
        for (String groupVersion : versions) {
            list.addObject().put("groupVersion", groupVersion).put("version", groupVersion.substring(name.length()
                    + 1));
        }
        group.putObject("preferredVersion").put("groupVersion", versions.get(0))
                .put("version", versions.get(0).substring(name.length() + 1));
        return Optional.of(group);
    }

    private Optional<String> resourceList(String groupVersion) {
        List<ApiResources.Resource> list = resources.byGroupVersion().get(groupVersion);
        if (list == null) {
            return Optional.empty();
        }
        ObjectNode document = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode items = document.putArray("resources");
        for (ApiResources.Resource resource : list) {
            ObjectNode item = items.addObject().put("name", resource.plural())
                    .put("singularName", resource.singular()).put("namespaced", resource.namespaced())
                    .put("kind", resource.kind());
            ArrayNode verbs = item.putArray("verbs");
            ApiResources.verbs().forEach(verbs::add);
            if (!resource.shortNames().isEmpty()) {
                ArrayNode shortNames = item.putArray("shortNames");
                resource.shortNames().forEach(shortNames::add);
            }
            if (!resource.categories().isEmpty()) {
                ArrayNode categories = item.putArray("categories");
                resource.categories().forEach(categories::add);
            }
            for (String subresource : resource.subresources()) {
                ObjectNode sub = items.addObject().put("name", resource.plural() + "/" + subresource)
                        .put("singularName", "").put("namespaced", resource.namespaced())
                        .put("kind", subresource.equals("scale") ? "Scale" : resource.kind());
                sub.putArray("verbs").add("get").add("patch").add("update");
            }
        }
        return Optional.of(document.toString());
    }
}
