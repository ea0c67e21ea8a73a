package dev.veer.common;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The one writer of the objects Veer creates or edits: server-side apply with field manager {@value #FIELD_MANAGER},
 * so that Veer owns exactly the fields it sets and other managers keep theirs.
 *
 * <p>What is applied is an <em>apply configuration</em>: apiVersion, kind, name, namespace and the fields Veer sets,
 * never status, resourceVersion, uid, managedFields or anything else the server fills in ({@link #applyConfiguration}).
 * Before an object is applied, it is read and {@link Ownership} decides whether it is Veer's to write: an object of the
 * same name that Veer did not create (and that was not handed over with {@value Ownership#ADOPT}) gets nothing, and a
 * {@link NameInUseException} says whose it is. Only then is the apply forced: force takes over Veer's fields on an
 * object that is Veer's, never another tool's object.
 *
 * <p>fabric8's mock API server (tests and the sandbox) has no server-side apply; there, and only there
 * ({@code veer.kubernetes.server-side-apply=false}), {@link MockApplyEmulation} computes what the apply would leave
 * and the writer sends it as a create or an update with optimistic locking. The apply configuration, the ownership
 * check and everything the callers do are the same on both paths.
 */
@ApplicationScoped
public class ResourceWriter {

    public static final String FIELD_MANAGER = "veer";
    /** Metadata the API server fills in, never part of an apply configuration. */
    private static final List<String> SERVER_METADATA = List.of("resourceVersion", "uid", "generation",
            "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private final KubernetesClient client;
    private final boolean serverSideApply;

    public ResourceWriter(KubernetesClient client,
            @ConfigProperty(name = "veer.kubernetes.server-side-apply", defaultValue = "true") boolean serverSideApply) {
        this.client = client;
        this.serverSideApply = serverSideApply;
    }

    /**
     * Creates an object Veer owns, or makes the fields Veer sets on it equal to {@code desired}. {@code desired}
     * carries Veer's labels and a controller owner reference to its ServiceRollout or ConfigWatch.
     *
     * @throws NameInUseException when an object of that name exists and is not Veer's; nothing is written then
     */
    public <T extends HasMetadata> T apply(T desired) {
        return apply(client.resource(desired).get(), desired, client::resource);
    }

    /**
     * Applies Veer's fields ({@code fields}: an apply configuration holding only them) to an object that exists and
     * that Veer edits without owning it: a rollout's HTTPRoute or VirtualService, a ConfigWatch consumer's pod
     * template annotation. {@code current} is the object as just read.
     *
     * @throws NameInUseException when another controller owns {@code current}; nothing is written then
     */
    public <T extends HasMetadata> T applyTo(T current, T fields) {
        return apply(current, fields, client::resource);
    }

    /**
     * {@link #applyTo} for a kind whose Java classes Veer does not have (Istio's VirtualService), reached through
     * {@code context} (the mock API server has no discovery to find it by apiVersion and kind).
     */
    public GenericKubernetesResource applyTo(ResourceDefinitionContext context, GenericKubernetesResource current,
            GenericKubernetesResource fields) {
        return apply(current, fields, object -> client.genericKubernetesResources(context)
                .inNamespace(object.getMetadata().getNamespace()).resource(object));
    }

    /**
     * Sets a slot Deployment's {@code spec.replicas}: a server-side apply of the {@code scale} subresource, which
     * hands Veer's manager the ownership of {@code spec.replicas} of the Deployment and leaves Veer's other fields of
     * it as they are (the API server maps the Scale's managed fields onto the Deployment's).
     */
    public void scale(Deployment deployment, int replicas) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        if (serverSideApply) {
            client.apps().deployments().inNamespace(namespace).withName(name).subresource("scale")
                    .patch(applyPatch(), client.getKubernetesSerialization().asJson(scaleConfiguration(namespace,
                            name, replicas)));
            return;
        }
        client.apps().deployments().inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
    }

    /** The body of a scale: only {@code spec.replicas}. */
    static Scale scaleConfiguration(String namespace, String name, int replicas) {
        return new ScaleBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec().build();
    }

    /**
     * What Veer sends for {@code desired}: it without status and without the metadata the server fills in
     * (resourceVersion, uid, generation, creationTimestamp, managedFields, selfLink, deletion fields), so that an
     * object read back and changed can never carry the server's fields into Veer's apply.
     */
    public <T extends HasMetadata> ObjectNode applyConfiguration(T desired) {
        ObjectNode body = (ObjectNode) client.getKubernetesSerialization().convertValue(desired, JsonNode.class);
        body.remove("status");
        if (body.get("metadata") instanceof ObjectNode metadata) {
            SERVER_METADATA.forEach(metadata::remove);
        }
        return body;
    }

    /** What Veer sends for a status: the object's identity and its status, nothing else. */
    public <T extends HasMetadata> ObjectNode statusConfiguration(T resource) {
        ObjectNode object = (ObjectNode) client.getKubernetesSerialization().convertValue(resource, JsonNode.class);
        ObjectNode body = object.objectNode();
        body.set("apiVersion", object.get("apiVersion"));
        body.set("kind", object.get("kind"));
        body.putObject("metadata").put("name", resource.getMetadata().getName())
                .put("namespace", resource.getMetadata().getNamespace());
        if (object.has("status")) {
            body.set("status", object.get("status"));
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> T apply(T existing, T desired, Function<T, Resource<T>> resource) {
        Ownership.requireWritable(existing, desired);
        ObjectNode body = applyConfiguration(desired);
        KubernetesSerialization serialization = client.getKubernetesSerialization();
        Class<T> type = (Class<T>) desired.getClass();
        if (serverSideApply) {
            T configuration = serialization.convertValue(body, type);
            return resource.apply(configuration).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        }
        if (existing == null) {
            return resource.apply(serialization.convertValue(MockApplyEmulation.created(body), type)).create();
        }
        ObjectNode current = (ObjectNode) serialization.convertValue(existing, JsonNode.class);
        return resource.apply(serialization.convertValue(MockApplyEmulation.applied(current, body), type)).update();
    }

    private static PatchContext applyPatch() {
        return new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(FIELD_MANAGER)
                .withForce(true).build();
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

    /**
     * Writes the status of an object that is not the primary resource of the reconcile (no caching): a server-side
     * apply to the status subresource of apiVersion, kind, name, namespace and status only
     * ({@link #statusConfiguration}).
     */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> void applyStatus(T resource) {
        if (serverSideApply) {
            T configuration = (T) client.getKubernetesSerialization().convertValue(statusConfiguration(resource),
                    resource.getClass());
            client.resource(configuration).subresource("status").patch(applyPatch());
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
}
