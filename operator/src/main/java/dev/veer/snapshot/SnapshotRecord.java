package dev.veer.snapshot;

import dev.veer.api.Snapshot;
import dev.veer.api.SnapshotVerdict;

/** What planning needs to know of one snapshot. */
public record SnapshotRecord(String name, int revision, String contentHash, SnapshotVerdict verdict) {

    public static SnapshotRecord of(Snapshot snapshot) {
        SnapshotVerdict verdict = snapshot.getStatus() == null || snapshot.getStatus().getVerdict() == null
                ? SnapshotVerdict.Pending
                : snapshot.getStatus().getVerdict();
        return new SnapshotRecord(snapshot.getMetadata().getName(), snapshot.getSpec().getRevision(),
                snapshot.getSpec().getContentHash(), verdict);
    }
}
