package dev.veer.snapshot;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.veer.api.SnapshotVerdict;

/** An owner's snapshots, oldest revision first. */
public record SnapshotHistory(List<SnapshotRecord> snapshots) {

    public SnapshotHistory {
        snapshots = snapshots.stream().sorted(Comparator.comparingInt(SnapshotRecord::revision)).toList();
    }

    public static SnapshotHistory empty() {
        return new SnapshotHistory(List.of());
    }

    public Optional<SnapshotRecord> byHash(String contentHash) {
        return snapshots.stream().filter(s -> s.contentHash().equals(contentHash)).findFirst();
    }

    public Optional<SnapshotRecord> byRevision(int revision) {
        return snapshots.stream().filter(s -> s.revision() == revision).findFirst();
    }

    public int maxRevision() {
        return snapshots.stream().mapToInt(SnapshotRecord::revision).max().orElse(0);
    }

    /** The {@code count} most recent revisions that were once stable (and have since been replaced). */
    public List<SnapshotRecord> recentStable(int count) {
        return snapshots.stream()
                .filter(s -> s.verdict() == SnapshotVerdict.Superseded || s.verdict() == SnapshotVerdict.RolledBack)
                .sorted(Comparator.comparingInt(SnapshotRecord::revision).reversed())
                .limit(count)
                .toList();
    }

    public String revisionsText() {
        return snapshots.isEmpty() ? "none" : snapshots.stream().map(s -> String.valueOf(s.revision()))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
