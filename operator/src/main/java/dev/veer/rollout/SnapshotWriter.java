package dev.veer.rollout;

import java.time.Clock;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import dev.veer.api.ServiceRollout;
import dev.veer.api.Snapshot;
import dev.veer.api.SnapshotStatus;
import dev.veer.common.ResourceWriter;
import dev.veer.rollout.plan.Action.SetVerdict;
import dev.veer.snapshot.SnapshotFactory;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Creates a rollout's snapshots, sets their verdicts and deletes them beyond the history limit. */
@ApplicationScoped
class SnapshotWriter {

    private final KubernetesClient client;
    private final ResourceWriter writer;
    private final Clock clock;

    SnapshotWriter(KubernetesClient client, ResourceWriter writer, Clock clock) {
        this.client = client;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * Applies the snapshot unless the cache has it: its name is derived from the content, so a snapshot created by a
     * pass whose status write was lost is found again, never duplicated; applied again, the same content changes
     * nothing (its spec is immutable).
     */
    void record(ServiceRollout rollout, int revision, Desired desired, OwnedObjects owned) {
        String name = SnapshotFactory.name(rollout.getMetadata().getName(), desired.hash());
        if (owned.snapshots().stream().anyMatch(s -> s.getMetadata().getName().equals(name))) {
            return;
        }
        writer.apply(SnapshotFactory.ofRollout(rollout, revision, desired.template(), desired.hash(),
                desired.configRevisions(), clock.instant()));
    }

    void setVerdict(OwnedObjects owned, SetVerdict verdict) {
        owned.snapshot(verdict.revision()).ifPresent(snapshot -> {
            SnapshotStatus current = snapshot.getStatus();
            if (current != null && current.getVerdict() == verdict.verdict()
                    && Objects.equals(current.getReason(), verdict.reason())) {
                return;
            }
            snapshot.setStatus(SnapshotFactory.verdict(verdict.verdict(), verdict.reason(), verdict.message(),
                    clock.instant()));
            writer.applyStatus(snapshot);
        });
    }

    void delete(ServiceRollout rollout, String name) {
        client.resources(Snapshot.class).inNamespace(rollout.getMetadata().getNamespace()).withName(name).delete();
    }
}
