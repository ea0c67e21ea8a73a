package dev.veer.gitsync.plan;

import dev.veer.api.GitSyncObject;

/** What a GitSync pass writes, in order. */
public sealed interface GitSyncAction {

    /** Server-side apply of a manifest (field manager veer-gitsync), forcing conflicts only when asked. */
    record Apply(Manifest manifest, boolean force) implements GitSyncAction {
    }

    /** Deletes an object this GitSync applied that left the repository. */
    record Prune(GitSyncObject object) implements GitSyncAction {
    }
}
