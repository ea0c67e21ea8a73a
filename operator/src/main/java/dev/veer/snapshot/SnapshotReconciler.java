package dev.veer.snapshot;

import dev.veer.api.Snapshot;
import dev.veer.common.ContentHash;
import dev.veer.common.EventRecorder;
import dev.veer.common.ResourceWriter;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/**
 * Verifies that a rollout's snapshot still holds the content it was recorded with. The CRD's CEL rule makes a
 * snapshot's spec immutable where the API server enforces CEL; where it does not (older clusters, tools that bypass
 * validation), an edited snapshot would make a rollback run something else than what was recorded. On every new
 * generation Veer hashes the template again and records a Warning event when it no longer matches.
 */
@ControllerConfiguration(name = "snapshot", fieldManager = ResourceWriter.FIELD_MANAGER)
public class SnapshotReconciler implements Reconciler<Snapshot> {

    public static final String CONTENT_CHANGED = "ContentChanged";

    private final EventRecorder events;

    public SnapshotReconciler(EventRecorder events) {
        this.events = events;
    }

    @Override
    public UpdateControl<Snapshot> reconcile(Snapshot snapshot, Context<Snapshot> context) {
        var spec = snapshot.getSpec();
        if (spec != null && spec.getTemplate() != null && spec.getContentHash() != null) {
            String actual = ContentHash.of(spec.getTemplate());
            if (!actual.equals(spec.getContentHash())) {
                events.record(snapshot, true, CONTENT_CHANGED, "the pod template hashes to " + actual
                        + ", not to the recorded " + spec.getContentHash() + ": this snapshot was edited, and a "
                        + "rollback to revision " + spec.getRevision() + " would not run what was recorded");
            }
        }
        return UpdateControl.noUpdate();
    }
}
