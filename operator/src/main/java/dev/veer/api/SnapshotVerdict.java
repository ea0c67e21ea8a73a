package dev.veer.api;

/** What became of the version a snapshot records. */
public enum SnapshotVerdict {
    /** Recorded; not (yet) the stable version. */
    Pending,
    /** Became the stable version. */
    Promoted,
    /** Its rollout failed (progress deadline, failed analysis). */
    Failed,
    /** Its rollout was aborted, or traffic was moved back from it to another version. */
    RolledBack,
    /** Was replaced by a newer version: as the stable version, or mid-rollout before it became stable. */
    Superseded
}
