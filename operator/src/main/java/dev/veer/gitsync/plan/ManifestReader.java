package dev.veer.gitsync.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.veer.api.GitSyncError;
import dev.veer.api.GitSyncObject;
import dev.veer.gitsync.plan.GitSyncConditions.Reason;

/**
 * Turns the files of a commit into the objects to apply, or the list of what is wrong with them. Pure: the API
 * server's knowledge enters only as {@link ApiScopes}. Every document of every file is read, so the status names all
 * the problems at once; one problem means nothing is applied.
 */
public final class ManifestReader {

    /** Annotation naming the GitSync (namespace/name) that applied an object: only such objects are pruned. */
    public static final String OWNER = "veer.dev/gitsync";
    /** Annotation holding the commit an object was applied from. */
    public static final String COMMIT = "veer.dev/git-commit";
    /** {@code veer.dev/prune: disabled} keeps an object when it leaves the repository. */
    public static final String PRUNE = "veer.dev/prune";
    /** {@code veer.dev/reconcile: disabled}: once created, an object is not written again (drift is reported). */
    public static final String RECONCILE = "veer.dev/reconcile";
    /** {@code veer.dev/force-apply: "true"} takes fields over from other field managers. */
    public static final String FORCE = "veer.dev/force-apply";
    public static final String DISABLED = "disabled";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[ \\t]*(#.*)?$");
    private static final String CRD_GROUP = "apiextensions.k8s.io";

    /** What the reader needs to know of the GitSync and its commit. */
    public record Settings(String namespace, String name, String commit, String targetNamespace,
            boolean ownNamespaceOnly, Map<String, String> variables) {
    }

    private ManifestReader() {
    }

    public static Rendered read(Map<String, String> files, Settings settings, ApiScopes scopes) {
        List<GitSyncError> errors = new ArrayList<>();
        List<Document> documents = new ArrayList<>();
        boolean substitutionFailed = false;
        for (var file : files.entrySet()) {
            List<String> chunks = file.getKey().endsWith(".json") ? List.of(file.getValue())
                    : split(file.getValue());
            for (int index = 0; index < chunks.size(); index++) {
                String text;
                try {
                    text = Substitution.apply(chunks.get(index), settings.variables());
                } catch (IllegalArgumentException e) {
                    substitutionFailed = true;
                    errors.add(new GitSyncError(file.getKey(), index, null, e.getMessage()));
                    continue;
                }
                parse(file.getKey(), index, text, errors).ifPresent(documents::add);
            }
        }
        Map<String, Boolean> definedKinds = definedKinds(documents);
        List<Manifest> manifests = new ArrayList<>();
        Map<String, Manifest> seen = new HashMap<>();
        for (Document document : documents) {
            Optional<Manifest> manifest = place(document, settings, scopes, definedKinds, errors);
            if (manifest.isEmpty()) {
                continue;
            }
            Manifest other = seen.putIfAbsent(manifest.get().key(), manifest.get());
            if (other != null) {
                errors.add(new GitSyncError(document.file(), document.index(), manifest.get().id(),
                        manifest.get().id() + " is also defined in " + other.file() + " document " + other.document()));
            } else {
                manifests.add(manifest.get());
            }
        }
        manifests.sort(ApplyOrder.MANIFESTS);
        return new Rendered(List.copyOf(manifests), List.copyOf(errors),
                substitutionFailed ? Reason.SubstitutionFailed : Reason.InvalidManifests);
    }

    private record Document(String file, int index, ObjectNode body) {
        String apiVersion() {
            return body.path("apiVersion").asText();
        }

        String kind() {
            return body.path("kind").asText();
        }
    }

    private static List<String> split(String text) {
        List<String> chunks = new ArrayList<>(List.of(SEPARATOR.split(text, -1)));
        if (chunks.size() > 1 && chunks.get(0).isBlank()) {
            chunks.remove(0);
        }
        return chunks;
    }

    private static Optional<Document> parse(String file, int index, String text, List<GitSyncError> errors) {
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            errors.add(new GitSyncError(file, index, null, "not valid YAML/JSON" + where + ": "
                    + e.getOriginalMessage()));
            return Optional.empty();
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!(node instanceof ObjectNode body)) {
            errors.add(new GitSyncError(file, index, null, "a document must be a Kubernetes object (a mapping), "
                    + "not " + node.getNodeType().name().toLowerCase()));
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("apiVersion", "kind")) {
            if (!body.path(field).isTextual() || body.path(field).asText().isEmpty()) {
                missing.add(field);
            }
        }
        if (!body.path("metadata").path("name").isTextual() || body.path("metadata").path("name").asText().isEmpty()) {
            missing.add("metadata.name");
        }
        if (!missing.isEmpty()) {
            errors.add(new GitSyncError(file, index, null, "missing " + String.join(", ", missing)));
            return Optional.empty();
        }
        return Optional.of(new Document(file, index, body));
    }

    /** Kinds defined by CustomResourceDefinitions of the commit (group/kind), with whether they are namespaced. */
    private static Map<String, Boolean> definedKinds(List<Document> documents) {
        Map<String, Boolean> kinds = new HashMap<>();
        for (Document d : documents) {
            if (d.kind().equals("CustomResourceDefinition") && d.apiVersion().startsWith(CRD_GROUP + "/")) {
                JsonNode spec = d.body().path("spec");
                kinds.put(spec.path("group").asText() + "/" + spec.path("names").path("kind").asText(),
                        "Namespaced".equals(spec.path("scope").asText()));
            }
        }
        return kinds;
    }

    private static Optional<Manifest> place(Document d, Settings settings, ApiScopes scopes,
            Map<String, Boolean> definedKinds, List<GitSyncError> errors) {
        String group = d.apiVersion().contains("/") ? d.apiVersion().substring(0, d.apiVersion().indexOf('/')) : "";
        Optional<Boolean> served = scopes.namespaced(d.apiVersion(), d.kind());
        Boolean namespaced = served.orElse(definedKinds.get(group + "/" + d.kind()));
        String name = d.body().path("metadata").path("name").asText();
        if (namespaced == null) {
            errors.add(new GitSyncError(d.file(), d.index(), new GitSyncObject(d.apiVersion(), d.kind(), null, name),
                    "the API server serves no kind " + d.kind() + " in " + d.apiVersion()
                            + " and no CustomResourceDefinition of this commit defines it"));
            return Optional.empty();
        }
        ObjectNode body = d.body().deepCopy();
        ObjectNode metadata = (ObjectNode) body.get("metadata");
        String namespace = null;
        if (namespaced) {
            namespace = settings.targetNamespace() != null ? settings.targetNamespace()
                    : metadata.path("namespace").asText("").isEmpty() ? settings.namespace()
                    : metadata.path("namespace").asText();
            metadata.put("namespace", namespace);
        } else {
            metadata.remove("namespace");
        }
        GitSyncObject id = new GitSyncObject(d.apiVersion(), d.kind(), namespace, name);
        if (settings.ownNamespaceOnly() && (!namespaced || !settings.namespace().equals(namespace))) {
            errors.add(new GitSyncError(d.file(), d.index(), id, "without spec.serviceAccountName a GitSync writes "
                    + "only namespaced objects of its own namespace (" + settings.namespace() + ")"));
            return Optional.empty();
        }
        ObjectNode annotations = metadata.has("annotations") && metadata.get("annotations").isObject()
                ? (ObjectNode) metadata.get("annotations") : metadata.putObject("annotations");
        annotations.put(OWNER, settings.namespace() + "/" + settings.name());
        annotations.put(COMMIT, settings.commit());
        return Optional.of(new Manifest(d.file(), d.index(), id, body));
    }
}
