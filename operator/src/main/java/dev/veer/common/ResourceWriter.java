package dev.veer.common;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Writes the objects Veer owns. On a real API server it uses server-side apply with field manager {@code veer}, so
 * that Veer owns exactly the fields it sets and other controllers keep theirs.
 *
 * <p>fabric8's mock API server (tests and the sandbox) has no server-side apply; there, and only there
 * ({@code veer.kubernetes.server-side-apply=false}), the writer emulates it: it reads the object, overlays the
 * labels, annotations, owner references, the top-level spec fields Veer sets and the content of a ConfigMap or
 * Secret ({@code data}, {@code binaryData}, {@code immutable}, {@code type}), and updates it with optimistic
 * locking, keeping everything else (status, a Service's clusterIP) as it was.
 */
@ApplicationScoped
public class ResourceWriter {

    public static final String FIELD_MANAGER = "veer";
    /** Top-level fields of ConfigMaps and Secrets that Veer sets as a whole. */
    private static final java.util.List<String> CONTENT_FIELDS = java.util.List.of("data", "binaryData",
            "immutable", "type");

    private final KubernetesClient client;
    private final boolean serverSideApply;

    public ResourceWriter(KubernetesClient client,
            @ConfigProperty(name = "veer.kubernetes.server-side-apply", defaultValue = "true") boolean serverSideApply) {
        this.client = client;
        this.serverSideApply = serverSideApply;
    }

    /** Creates the object, or makes the fields Veer sets on it equal to {@code desired}. */
    public <T extends HasMetadata> T apply(T desired) {
        if (serverSideApply) {
            return client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        }
        T existing = client.resource(desired).get();
        if (existing == null) {
            return client.resource(desired).create();
        }
        return client.resource(overlay(existing, desired)).update();
    }

    /**
     * Writes the status of the primary resource of a reconcile and puts the written resource into JOSDK's cache, so
     * that the next pass plans from this status and not from an older cached one. Server-side apply to the status
     * subresource; on the mock API server an optimistic status update (JOSDK's non-SSA status path sends a computed
     * JSON Patch, whose {@code move} operations the mock server never answers).
     */
    public <P extends CustomResource<?, S>, S> P applyStatus(P primary, S status, Context<P> context) {
        if (serverSideApply) {
            P fresh = emptyCopy(primary);
            fresh.setStatus(status);
            return PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(primary, fresh, context);
        }
        return PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(primary, context, latest -> {
            latest.setStatus(status);
            return latest;
        });
    }

    /** Writes the status of an object that is not the primary resource of the reconcile (no caching). */
    public <T extends HasMetadata> void applyStatus(T resource) {
        if (serverSideApply) {
            resource.getMetadata().setManagedFields(null);
            client.resource(resource).subresource("status").patch(new PatchContext.Builder()
                    .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(FIELD_MANAGER).withForce(true)
                    .build());
            return;
        }
        String resourceVersion = resource.getMetadata().getResourceVersion();
        resource.getMetadata().setResourceVersion(null);
        try {
            client.resource(resource).updateStatus();
        } finally {
            resource.getMetadata().setResourceVersion(resourceVersion);
        }
    }

    /**
     * Changes the primary resource of a reconcile (its metadata, say) with optimistic locking, re-reading and
     * re-applying the change on a conflict, and caches the result for the next pass.
     */
    public <P extends HasMetadata> P updatePrimary(P primary, Context<P> context, UnaryOperator<P> change) {
        return PrimaryUpdateAndCacheUtils.updateAndCacheResource(primary, context, change,
                latest -> client.resource(latest).update());
    }

    @SuppressWarnings("unchecked")
    private static <P extends HasMetadata> P emptyCopy(P primary) {
        try {
            P copy = (P) primary.getClass().getDeclaredConstructor().newInstance();
            copy.setMetadata(new ObjectMetaBuilder().withName(primary.getMetadata().getName())
                    .withNamespace(primary.getMetadata().getNamespace()).build());
            return copy;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create an empty " + primary.getKind(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> T overlay(T existing, T desired) {
        KubernetesSerialization serialization = client.getKubernetesSerialization();
        ObjectNode merged = (ObjectNode) serialization.convertValue(existing, JsonNode.class);
        ObjectNode wanted = (ObjectNode) serialization.convertValue(desired, JsonNode.class);
        ObjectNode metadata = (ObjectNode) merged.get("metadata");
        metadata.set("labels", mergeMaps(metadata.get("labels"), wanted.get("metadata").get("labels")));
        metadata.set("annotations", mergeMaps(metadata.get("annotations"), wanted.get("metadata").get("annotations")));
        if (wanted.get("metadata").has("ownerReferences")) {
            metadata.set("ownerReferences", wanted.get("metadata").get("ownerReferences"));
        }
        if (wanted.has("spec")) {
            ObjectNode spec = merged.has("spec") ? (ObjectNode) merged.get("spec") : merged.putObject("spec");
            wanted.get("spec").fields().forEachRemaining(field -> spec.set(field.getKey(), field.getValue()));
        }
        for (String content : CONTENT_FIELDS) {
            if (wanted.has(content)) {
                merged.set(content, wanted.get(content));
            } else {
                merged.remove(content);
            }
        }
        return (T) serialization.convertValue(merged, existing.getClass());
    }

    private JsonNode mergeMaps(JsonNode existing, JsonNode wanted) {
        Map<String, Object> merged = new HashMap<>();
        KubernetesSerialization serialization = client.getKubernetesSerialization();
        if (existing != null && existing.isObject()) {
            merged.putAll(serialization.convertValue(existing, Map.class));
        }
        if (wanted != null && wanted.isObject()) {
            merged.putAll(serialization.convertValue(wanted, Map.class));
        }
        return serialization.convertValue(merged, JsonNode.class);
    }
}
