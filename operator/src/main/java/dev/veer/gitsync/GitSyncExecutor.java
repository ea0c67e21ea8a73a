package dev.veer.gitsync;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.veer.api.GitSyncObject;
import dev.veer.gitsync.plan.DryRunAnswer;
import dev.veer.gitsync.plan.GitSyncAction;
import dev.veer.gitsync.plan.LiveObject;
import dev.veer.gitsync.plan.Manifest;
import dev.veer.gitsync.plan.WriteFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Talks to the API server for a GitSync, with the client of its ServiceAccount: server-side dry-run applies (field
 * manager veer-gitsync, forcing only where the plan says), the applies and prunes of a plan in order, stopping at the
 * first refusal, and reads of the objects leaving the inventory.
 *
 * <p>On fabric8's mock API server ({@code veer.kubernetes.server-side-apply=false}: no server-side apply, no dry-run)
 * the dry-run is emulated by merging the manifest into the object read, and an apply is a create or an update. That
 * serves the integration tests of the reconcile loop; what server-side apply decides (field ownership, conflicts,
 * schema) is only checked against a real API server (e2e).
 */
@ApplicationScoped
public class GitSyncExecutor {

    public static final String FIELD_MANAGER = "veer-gitsync";
    private static final int NOT_FOUND = 404;

    private final boolean serverSideApply;

    public GitSyncExecutor(
            @ConfigProperty(name = "veer.kubernetes.server-side-apply", defaultValue = "true") boolean serverSideApply) {
        this.serverSideApply = serverSideApply;
    }

    ClusterApi api(KubernetesClient client) {
        return ClusterApi.of(client, serverSideApply);
    }

    /** The dry-run answer of every manifest, by key. */
    Map<String, DryRunAnswer> dryRun(KubernetesClient client, ClusterApi api, List<Manifest> manifests,
            java.util.function.Predicate<Manifest> force) {
        Map<String, DryRunAnswer> answers = new LinkedHashMap<>();
        for (Manifest manifest : manifests) {
            answers.put(manifest.key(), dryRun(client, api, manifest, force.test(manifest)));
        }
        return answers;
    }

    private DryRunAnswer dryRun(KubernetesClient client, ClusterApi api, Manifest manifest, boolean force) {
        Optional<Resource<GenericKubernetesResource>> resource = resource(client, api, manifest.id(),
                manifest.body());
        if (resource.isEmpty()) {
            return new DryRunAnswer.DefinitionMissing("the API server serves no kind " + manifest.id().getKind()
                    + " in " + manifest.id().getApiVersion());
        }
        KubernetesSerialization json = client.getKubernetesSerialization();
        try {
            GenericKubernetesResource existing = resource.get().get();
            ObjectNode live = existing == null ? null : json.convertValue(existing, ObjectNode.class);
            if (!serverSideApply) {
                return new DryRunAnswer.Valid(live, live == null ? manifest.body() : merged(live, manifest.body()));
            }
            ServerSideApplicable<GenericKubernetesResource> apply = resource.get().dryRun()
                    .fieldManager(FIELD_MANAGER);
            GenericKubernetesResource after = (force ? apply.forceConflicts() : apply).serverSideApply();
            return new DryRunAnswer.Valid(live, json.convertValue(after, ObjectNode.class));
        } catch (KubernetesClientException e) {
            return e.getCode() == NOT_FOUND ? new DryRunAnswer.DefinitionMissing(message(e))
                    : new DryRunAnswer.Invalid(message(e));
        }
    }

    /** Carries out the writes in order; the first refusal stops the rest (no prune after a failed apply). */
    Optional<WriteFailure> execute(KubernetesClient client, ClusterApi api, List<GitSyncAction> actions) {
        List<GitSyncObject> applied = new ArrayList<>();
        for (GitSyncAction action : actions) {
            try {
                if (action instanceof GitSyncAction.Apply apply) {
                    apply(client, api, apply);
                    applied.add(apply.manifest().id());
                } else if (action instanceof GitSyncAction.Prune prune) {
                    resource(client, api, prune.object(), null).ifPresent(Resource::delete);
                }
            } catch (KubernetesClientException e) {
                return Optional.of(new WriteFailure(action, message(e), applied));
            }
        }
        return Optional.empty();
    }

    private void apply(KubernetesClient client, ClusterApi api, GitSyncAction.Apply apply) {
        Resource<GenericKubernetesResource> resource = resource(client, api, apply.manifest().id(),
                apply.manifest().body()).orElseThrow(() -> new KubernetesClientException("the API server serves no "
                        + "kind " + apply.manifest().id().getKind() + " in " + apply.manifest().id().getApiVersion()));
        if (serverSideApply) {
            ServerSideApplicable<GenericKubernetesResource> ssa = resource.fieldManager(FIELD_MANAGER);
            (apply.force() ? ssa.forceConflicts() : ssa).serverSideApply();
            return;
        }
        GenericKubernetesResource existing = resource.get();
        KubernetesSerialization json = client.getKubernetesSerialization();
        if (existing == null) {
            resource.create();
        } else {
            ObjectNode merged = merged(json.convertValue(existing, ObjectNode.class), apply.manifest().body());
            resource(client, api, apply.manifest().id(), merged).orElseThrow().update();
        }
    }

    /** The annotations of each object still in the cluster, by key; empty when it is gone. */
    Map<String, Optional<LiveObject>> read(KubernetesClient client, ClusterApi api, List<GitSyncObject> objects) {
        Map<String, Optional<LiveObject>> live = new LinkedHashMap<>();
        for (GitSyncObject object : objects) {
            Optional<GenericKubernetesResource> found = resource(client, api, object, null).map(Resource::get);
            live.put(object.key(), found.map(r -> new LiveObject(r.getMetadata().getAnnotations())));
        }
        return live;
    }

    private Optional<Resource<GenericKubernetesResource>> resource(KubernetesClient client, ClusterApi api,
            GitSyncObject id, ObjectNode body) {
        return api.context(id.getApiVersion(), id.getKind()).map(context -> {
            var resources = client.genericKubernetesResources(context);
            if (body != null) {
                GenericKubernetesResource item = client.getKubernetesSerialization().convertValue(body,
                        GenericKubernetesResource.class);
                return context.isNamespaceScoped() ? resources.inNamespace(id.getNamespace()).resource(item)
                        : resources.resource(item);
            }
            return context.isNamespaceScoped() ? resources.inNamespace(id.getNamespace()).withName(id.getName())
                    : resources.withName(id.getName());
        });
    }

    /** The live object with the manifest's fields merged in: maps merged, everything else replaced. */
    static ObjectNode merged(ObjectNode live, ObjectNode manifest) {
        ObjectNode result = live.deepCopy();
        mergeInto(result, manifest);
        return result;
    }

    private static void mergeInto(ObjectNode target, ObjectNode source) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode value) {
                mergeInto(existingObject, value);
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static String message(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return String.valueOf(e.getMessage());
    }
}
