package dev.veer.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Chooses the snapshots to delete beyond a history limit. */
public final class SnapshotGc {

    private SnapshotGc() {
    }

    /**
     * The oldest snapshots beyond {@code limit}, never one whose revision is protected (the stable revision, the one
     * being rolled out, the one a rollback names).
     */
    public static List<SnapshotRecord> select(SnapshotHistory history, int limit, Set<Integer> protectedRevisions) {
        List<SnapshotRecord> newestFirst = new ArrayList<>(history.snapshots());
        newestFirst.sort(Comparator.comparingInt(SnapshotRecord::revision).reversed());
        List<SnapshotRecord> doomed = new ArrayList<>();
        int kept = 0;
        for (SnapshotRecord snapshot : newestFirst) {
            if (protectedRevisions.contains(snapshot.revision())) {
                kept++;
            } else if (kept < limit) {
                kept++;
            } else {
                doomed.add(snapshot);
            }
        }
        return doomed;
    }
}
