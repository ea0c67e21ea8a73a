package dev.veer.gitsync.plan;

import dev.veer.gitsync.plan.GitSyncConditions.Reason;

/** What the source gave: a commit and its rendered manifests, or why there is none. */
public sealed interface SourceState {

    record Fetched(String commit, Rendered rendered) implements SourceState {
    }

    /** {@code stalled}: retrying without a change (of the spec, the Secret, the repository) will not help. */
    record Failed(Reason reason, String message, boolean stalled) implements SourceState {
    }
}
