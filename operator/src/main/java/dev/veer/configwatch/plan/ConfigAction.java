package dev.veer.configwatch.plan;

import dev.veer.api.ConfigConsumer;
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
}
