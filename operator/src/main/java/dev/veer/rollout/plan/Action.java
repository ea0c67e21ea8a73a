package dev.veer.rollout.plan;

import java.util.List;
import java.util.Optional;

import dev.veer.api.HeaderMatch;
import dev.veer.api.Slot;
import dev.veer.api.SnapshotVerdict;

/** A change to the cluster that a plan asks for. Every action is idempotent. */
public sealed interface Action {

    /** Run the desired pod template (spec.template) in a slot with this many replicas. */
    record DeploySlot(Slot slot, int replicas) implements Action {
    }

    /** Change only the replica count of a slot's Deployment (whatever template it runs). */
    record ScaleSlot(Slot slot, int replicas) implements Action {
    }

    /**
     * Make the slot Services exist, point the preview Service (blue-green) at {@code previewSlot}, and point the stable
     * Service at {@code stableSelectorSlot}, or leave its selector to the router when that is empty.
     */
    record ApplyServices(Optional<Slot> stableSelectorSlot, Optional<Slot> previewSlot) implements Action {
    }

    /** Route {@code weight} percent, and requests matching the header route, to the slot other than {@code stableSlot}. */
    record SetRoute(Slot stableSlot, int weight, List<HeaderMatch> headerRoute) implements Action {
    }

    /** All traffic to {@code stableSlot}; routing objects of Veer's own removed. */
    record ResetRoute(Slot stableSlot) implements Action {
    }

    /** Record the desired pod template as the Snapshot with this revision. */
    record RecordSnapshot(int revision) implements Action {
    }

    /** Set the verdict of the Snapshot with this revision. */
    record SetVerdict(int revision, SnapshotVerdict verdict, String reason, String message) implements Action {
    }

    /** Delete a Snapshot beyond the history limit. */
    record DeleteSnapshot(String name) implements Action {
    }
}
