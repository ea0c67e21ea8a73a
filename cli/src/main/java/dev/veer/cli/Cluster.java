package dev.veer.cli;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Comparator;
import java.util.List;

/**
 * The API server as the plugin sees it: Veer's objects as generic resources in one namespace (or all), their
 * Deployments, Snapshots and Events. Every write is a JSON Patch (RFC 6902), the same change a user could make with
 * {@code kubectl patch --type json}.
 */
final class Cluster implements AutoCloseable {

    static final String OWNER_LABEL = "veer.dev/owner";
    static final String ROLLOUT_LABEL = "veer.dev/rollout";
    static final String SLOT_LABEL = "veer.dev/slot";

    private final KubernetesClient client;
    private final String namespace;
    private final boolean allNamespaces;

    Cluster(KubernetesClient client, String namespace, boolean allNamespaces) {
        this.client = client;
        this.namespace = namespace;
        this.allNamespaces = allNamespaces;
    }

    String namespace() {
        return namespace;
    }

    boolean allNamespaces() {
        return allNamespaces;
    }

    KubernetesClient client() {
        return client;
    }

    Resource<GenericKubernetesResource> resource(VeerKind kind, String name) {
        return client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name);
    }

    /** The named object; a clear error naming kind, name and namespace when it does not exist. */
    GenericKubernetesResource get(VeerKind kind, String name) {
        GenericKubernetesResource found = call(() -> resource(kind, name).get(), kind);
        if (found == null) {
            throw new CliException(kind.kind() + " \"" + name + "\" not found in namespace \"" + namespace + "\"");
        }
        return found;
    }

    /** Objects of a kind in the namespace, or in every namespace with {@code -A}; sorted by namespace and name. */
    List<GenericKubernetesResource> list(VeerKind kind) {
        var operation = client.genericKubernetesResources(kind.context());
        List<GenericKubernetesResource> items = call(() -> allNamespaces ? operation.inAnyNamespace().list().getItems()
                : operation.inNamespace(namespace).list().getItems(), kind);
        return items.stream().sorted(Comparator.comparing((GenericKubernetesResource r) -> r.getMetadata().getNamespace())
                .thenComparing(r -> r.getMetadata().getName())).toList();
    }

    /** The Snapshots of an owner, by revision. */
    List<Fields> snapshots(String ownerKind, String owner) {
        List<GenericKubernetesResource> items = call(() -> client.genericKubernetesResources(VeerKind.SNAPSHOT.context())
                .inNamespace(namespace).withLabel(OWNER_LABEL, owner).list().getItems(), VeerKind.SNAPSHOT);
        return items.stream().map(Fields::of)
                .filter(s -> ownerKind.equals(s.text("spec.ownerKind", ownerKind)) && owner.equals(s.text("spec.ownerName", owner)))
                .sorted(Comparator.comparingLong(s -> s.number("spec.revision").orElse(0L))).toList();
    }

    List<Deployment> deploymentsOf(String rollout) {
        return client.apps().deployments().inNamespace(namespace).withLabel(ROLLOUT_LABEL, rollout).list().getItems();
    }

    /** Events about the object, oldest first. */
    List<Event> eventsOf(String kind, String name) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && name.equals(e.getInvolvedObject().getName())
                        && kind.equals(e.getInvolvedObject().getKind()))
                .sorted(Comparator.comparing(Cluster::eventTime)).toList();
    }

    static String eventTime(Event event) {
        if (event.getLastTimestamp() != null) {
            return event.getLastTimestamp();
        }
        if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
            return event.getEventTime().getTime();
        }
        return event.getMetadata().getCreationTimestamp() != null ? event.getMetadata().getCreationTimestamp() : "";
    }

    /** Applies a JSON Patch to the object. */
    GenericKubernetesResource patch(VeerKind kind, String name, String jsonPatch) {
        return call(() -> resource(kind, name).patch(PatchContext.of(PatchType.JSON), jsonPatch), kind);
    }

    private static <T> T call(java.util.function.Supplier<T> request, VeerKind kind) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new CliException("the API server does not serve " + kind.kind() + " (" + VeerKind.GROUP + "/"
                        + VeerKind.VERSION + "): is Veer's CRD installed? " + e.getMessage());
            }
            if (e.getCode() == 403) {
                throw new CliException("forbidden: " + e.getStatus().getMessage());
            }
            if (e.getCode() == 422 || e.getCode() == 409) {
                throw new CliException("the API server refused the change: " + (e.getStatus() != null
                        ? e.getStatus().getMessage() : e.getMessage()));
            }
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new CliException("cannot reach the API server: " + e.getMessage()
                    + (cause != e ? " (" + cause + ")" : ""));
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
