package dev.veer.configwatch.plan;

import java.util.List;

import dev.veer.snapshot.SnapshotHistory;

/**
 * What the Snapshots tell of a ConfigWatch's versions: its own snapshots, and the verdicts of the ServiceRollout
 * revisions that used them (from those revisions' {@code spec.configRevisions}).
 */
public record ConfigHistory(List<ConfigSnapshot> snapshots, List<RolloutVerdict> rolloutVerdicts) {

    public ConfigHistory {
        snapshots = List.copyOf(snapshots);
        rolloutVerdicts = List.copyOf(rolloutVerdicts);
    }

    public static ConfigHistory empty() {
        return new ConfigHistory(List.of(), List.of());
    }

    public SnapshotHistory records() {
        return new SnapshotHistory(snapshots.stream().map(ConfigSnapshot::record).toList());
    }
}
