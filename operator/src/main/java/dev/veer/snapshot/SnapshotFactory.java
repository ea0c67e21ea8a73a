package dev.veer.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.veer.api.ConfigRevision;
import dev.veer.api.ConfigWatch;
import dev.veer.api.ServiceRollout;
import dev.veer.api.Snapshot;
import dev.veer.api.SnapshotSpec;
import dev.veer.api.SnapshotStatus;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.Labels;
import dev.veer.common.OwnerReferences;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** Builds Snapshot objects, without I/O. */
public final class SnapshotFactory {

    public static final String OWNER_KIND_LABEL = Labels.PREFIX + "owner-kind";
    /** Annotation a GitOps sync puts on a resource: the commit it applied. */
    public static final String GIT_COMMIT = Labels.PREFIX + "git-commit";

    private SnapshotFactory() {
    }

    /** The name of an owner's snapshot of this content: {@code <owner>-<hash>}. */
    public static String name(String ownerName, String contentHash) {
        return ownerName + "-" + contentHash;
    }

    /** The snapshot of a rollout's pod template at a revision, which uses no ConfigWatch. */
    public static Snapshot ofRollout(ServiceRollout rollout, int revision, PodTemplateSpec template,
            String contentHash, Instant now) {
        return ofRollout(rollout, revision, template, contentHash, List.of(), now);
    }

    /** The snapshot of a rollout's pod template at a revision, and of the ConfigWatch revisions the template uses. */
    public static Snapshot ofRollout(ServiceRollout rollout, int revision, PodTemplateSpec template,
            String contentHash, List<ConfigRevision> configRevisions, Instant now) {
        String owner = rollout.getMetadata().getName();
        Snapshot snapshot = new Snapshot();
        snapshot.setMetadata(metadata(rollout, "ServiceRollout", contentHash));
        SnapshotSpec spec = new SnapshotSpec();
        spec.setOwnerKind("ServiceRollout");
        spec.setOwnerName(owner);
        spec.setRevision(revision);
        spec.setContentHash(contentHash);
        spec.setTemplate(template);
        spec.setConfigRevisions(configRevisions.isEmpty() ? null : List.copyOf(configRevisions));
        spec.setSource(source(rollout));
        spec.setCreatedAt(now.toString());
        snapshot.setSpec(spec);
        return snapshot;
    }

    /**
     * The snapshot of a ConfigWatch's content at a revision: {@code data} as the caller gives it (for a Secret
     * target, the keys only), read from etcd at {@code etcdRevision}. Labelled like a rollout's snapshots, so
     * {@code -l veer.dev/owner=NAME} lists them.
     */
    public static Snapshot ofConfig(ConfigWatch watch, int revision, String contentHash, Map<String, String> data,
            long etcdRevision, Instant now) {
        String owner = watch.getMetadata().getName();
        Snapshot snapshot = new Snapshot();
        snapshot.setMetadata(metadata(watch, "ConfigWatch", contentHash));
        SnapshotSpec spec = new SnapshotSpec();
        spec.setOwnerKind("ConfigWatch");
        spec.setOwnerName(owner);
        spec.setRevision(revision);
        spec.setContentHash(contentHash);
        spec.setData(new TreeMap<>(data));
        spec.setSource("etcd:" + watch.getSpec().getSource().getEtcd().getPrefix() + "@" + etcdRevision);
        spec.setCreatedAt(now.toString());
        snapshot.setSpec(spec);
        return snapshot;
    }

    /** Named after the owner and the content, labelled so {@code -l veer.dev/owner=NAME} lists it, owned. */
    private static ObjectMeta metadata(HasMetadata owner, String ownerKind, String contentHash) {
        String name = owner.getMetadata().getName();
        return new ObjectMetaBuilder()
                .withName(name(name, contentHash))
                .withNamespace(owner.getMetadata().getNamespace())
                .withLabels(Map.of(Labels.OWNER, name, OWNER_KIND_LABEL, ownerKind, Labels.MANAGED_BY,
                        Labels.MANAGER))
                .withOwnerReferences(OwnerReferences.controller(owner))
                .build();
    }

    /** The Git commit a sync applied, else the last field manager that changed the spec, else "unknown". */
    static String source(ServiceRollout rollout) {
        var annotations = rollout.getMetadata().getAnnotations();
        if (annotations != null && annotations.get(GIT_COMMIT) != null) {
            return "git:" + annotations.get(GIT_COMMIT);
        }
        var managed = rollout.getMetadata().getManagedFields();
        if (managed != null) {
            return managed.stream()
                    .filter(m -> m.getFieldsV1() != null && String.valueOf(m.getFieldsV1().getAdditionalProperties())
                            .contains("f:spec"))
                    .reduce((first, second) -> second)
                    .map(m -> "manager:" + m.getManager())
                    .orElse("unknown");
        }
        return "unknown";
    }

    /** A snapshot's status with a verdict given now, and why. */
    public static SnapshotStatus verdict(SnapshotVerdict verdict, String reason, String message, Instant now) {
        SnapshotStatus status = new SnapshotStatus();
        status.setVerdict(verdict);
        status.setReason(reason);
        status.setMessage(message);
        status.setVerdictTime(now.toString());
        return status;
    }
}
