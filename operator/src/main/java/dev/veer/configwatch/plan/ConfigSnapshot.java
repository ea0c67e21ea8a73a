package dev.veer.configwatch.plan;

import java.time.Instant;
import java.util.Optional;

import dev.veer.snapshot.SnapshotRecord;

/** One of a ConfigWatch's own snapshots: the record, when its verdict was given, and its number of etcd keys. */
public record ConfigSnapshot(SnapshotRecord record, Optional<Instant> verdictTime, Optional<Integer> keyCount) {
}
