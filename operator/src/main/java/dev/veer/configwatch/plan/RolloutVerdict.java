package dev.veer.configwatch.plan;

import dev.veer.api.SnapshotVerdict;

/**
 * The verdict of a ServiceRollout revision that used a ConfigWatch revision (the rollout's snapshot lists it in
 * {@code spec.configRevisions}), with the reason the rollout gave.
 */
public record RolloutVerdict(String rollout, int rolloutRevision, int configRevision, SnapshotVerdict verdict,
        String reason) {

    /**
     * Whether the rollout revision became stable at some time: Promoted, or since replaced by a later promotion
     * (Superseded for reason Promoted) or by a rollback (RolledBack for reason RolledBackTo). A revision replaced mid
     * rollout or aborted by a user never was.
     */
    public boolean wasStable() {
        return verdict == SnapshotVerdict.Promoted
                || (verdict == SnapshotVerdict.Superseded && "Promoted".equals(reason))
                || (verdict == SnapshotVerdict.RolledBack && "RolledBackTo".equals(reason));
    }
}
