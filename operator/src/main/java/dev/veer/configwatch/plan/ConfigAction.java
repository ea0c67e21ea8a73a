package dev.veer.configwatch.plan;

import dev.veer.api.ConfigConsumer;
import dev.veer.api.SnapshotVerdict;
import dev.veer.configwatch.model.RenderedConfig;

/** One step of a ConfigWatch pass, carried out in the order planned. */
public sealed interface ConfigAction {

    /** Create the immutable {@code <target>-<hash>} object, or relabel it with a new revision. */
    record ApplyVersioned(RenderedConfig config, int revision, long etcdRevision) implements ConfigAction {
    }

    /** Make the stable-named {@code <target>} hold this content. */
    record ApplyStable(RenderedConfig config, long etcdRevision) implements ConfigAction {
    }

    /** Set the consumer's pod-template annotation {@code veer.dev/config-hash-<name>} to {@code hash}. */
    record RollConsumer(ConfigConsumer consumer, String hash) implements ConfigAction {
    }

    /** Delete a versioned object beyond the history limit. */
    record DeleteVersion(String name) implements ConfigAction {
    }

    /** Make the stable-named {@code <target>} hold the content of the versioned object {@code versionedName} again. */
    record RestoreStable(String versionedName, String hash) implements ConfigAction {
    }

    /** Record this content as the ConfigWatch's Snapshot with this revision (unless it exists). */
    record RecordSnapshot(int revision, RenderedConfig config, long etcdRevision) implements ConfigAction {
    }

    /** Set the verdict of the ConfigWatch's Snapshot {@code name}. */
    record SetSnapshotVerdict(String name, SnapshotVerdict verdict, String reason, String message)
            implements ConfigAction {
    }

    /** Delete one of the ConfigWatch's Snapshots beyond the history limit. */
    record DeleteSnapshot(String name) implements ConfigAction {
    }
}
