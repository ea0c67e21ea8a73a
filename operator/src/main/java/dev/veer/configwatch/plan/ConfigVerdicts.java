package dev.veer.configwatch.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.veer.api.SnapshotVerdict;
import dev.veer.configwatch.plan.ConfigAction.SetSnapshotVerdict;
import dev.veer.snapshot.SnapshotRecord;

/**
 * What the verdicts of the ServiceRollout revisions that used a ConfigWatch's versions mean for that ConfigWatch,
 * without I/O.
 * <ul>
 * <li>A version becomes <b>Failed</b> when a rollout revision that used it failed (and stays so).</li>
 * <li>A Pending version becomes <b>Promoted</b> when a rollout revision that used it became stable.</li>
 * <li>The <b>last good</b> version is the Promoted one promoted most recently (by verdict time), among those whose
 * versioned object still exists. It is what a ConfigWatch serves while etcd holds a failed content.</li>
 * </ul>
 */
public final class ConfigVerdicts {

    public static final String ROLLOUT_FAILED = "RolloutFailed";
    public static final String ROLLOUT_PROMOTED = "RolloutPromoted";

    /** The snapshots with their verdicts after this pass, and the verdicts to write. */
    public record Judged(List<ConfigSnapshot> snapshots, List<SetSnapshotVerdict> changes) {
    }

    /** A failed version and the rollout revision that failed with it (unknown once that snapshot is gone). */
    public record Failure(SnapshotRecord snapshot, Optional<RolloutVerdict> by) {

        public String describe() {
            return "revision " + snapshot.revision() + " (" + snapshot.contentHash() + ") failed"
                    + by.map(v -> " in ServiceRollout " + v.rollout() + " (its revision " + v.rolloutRevision()
                            + ": " + v.reason() + ")").orElse("");
        }
    }

    private ConfigVerdicts() {
    }

    public static Judged judge(ConfigHistory history, Instant now) {
        List<ConfigSnapshot> snapshots = new ArrayList<>();
        List<SetSnapshotVerdict> changes = new ArrayList<>();
        for (ConfigSnapshot snapshot : history.snapshots()) {
            SnapshotRecord record = snapshot.record();
            Optional<RolloutVerdict> failed = verdicts(history, record.revision())
                    .filter(v -> v.verdict() == SnapshotVerdict.Failed).findFirst();
            Optional<RolloutVerdict> stable = verdicts(history, record.revision())
                    .filter(RolloutVerdict::wasStable).findFirst();
            if (record.verdict() != SnapshotVerdict.Failed && failed.isPresent()) {
                RolloutVerdict by = failed.get();
                changes.add(new SetSnapshotVerdict(record.name(), SnapshotVerdict.Failed, ROLLOUT_FAILED,
                        "revision " + by.rolloutRevision() + " of ServiceRollout " + by.rollout() + " failed with it ("
                                + by.reason() + ")"));
                snapshots.add(with(snapshot, SnapshotVerdict.Failed, now));
            } else if (record.verdict() == SnapshotVerdict.Pending && stable.isPresent()) {
                RolloutVerdict by = stable.get();
                changes.add(new SetSnapshotVerdict(record.name(), SnapshotVerdict.Promoted, ROLLOUT_PROMOTED,
                        "revision " + by.rolloutRevision() + " of ServiceRollout " + by.rollout()
                                + " became stable with it"));
                snapshots.add(with(snapshot, SnapshotVerdict.Promoted, now));
            } else {
                snapshots.add(snapshot);
            }
        }
        return new Judged(List.copyOf(snapshots), List.copyOf(changes));
    }

    /** The failure of the version with this content, if it failed. */
    public static Optional<Failure> failure(Judged judged, ConfigHistory history, String contentHash) {
        return judged.snapshots().stream()
                .map(ConfigSnapshot::record)
                .filter(r -> r.contentHash().equals(contentHash) && r.verdict() == SnapshotVerdict.Failed)
                .findFirst()
                .map(r -> new Failure(r, verdicts(history, r.revision())
                        .filter(v -> v.verdict() == SnapshotVerdict.Failed).findFirst()));
    }

    /**
     * The version promoted most recently, other than {@code failedHash}, among those whose content is still
     * available (its versioned object exists).
     */
    public static Optional<ConfigSnapshot> lastGood(Judged judged, String failedHash, Set<String> availableHashes) {
        return judged.snapshots().stream()
                .filter(s -> s.record().verdict() == SnapshotVerdict.Promoted)
                .filter(s -> !s.record().contentHash().equals(failedHash))
                .filter(s -> availableHashes.contains(s.record().contentHash()))
                .max(Comparator.comparing((ConfigSnapshot s) -> s.verdictTime().orElse(Instant.EPOCH))
                        .thenComparingInt(s -> s.record().revision()));
    }

    private static java.util.stream.Stream<RolloutVerdict> verdicts(ConfigHistory history, int configRevision) {
        return history.rolloutVerdicts().stream().filter(v -> v.configRevision() == configRevision);
    }

    private static ConfigSnapshot with(ConfigSnapshot snapshot, SnapshotVerdict verdict, Instant now) {
        SnapshotRecord r = snapshot.record();
        return new ConfigSnapshot(new SnapshotRecord(r.name(), r.revision(), r.contentHash(), verdict),
                Optional.of(now), snapshot.keyCount());
    }
}
