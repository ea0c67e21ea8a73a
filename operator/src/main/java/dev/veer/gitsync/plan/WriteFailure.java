package dev.veer.gitsync.plan;

import java.util.List;

import dev.veer.api.GitSyncObject;

/**
 * A write of a plan that the API server refused: the action, its message, and the objects applied before it (they
 * carry the GitSync's ownership annotation, so they join the inventory and can be pruned later).
 */
public record WriteFailure(GitSyncAction action, String message, List<GitSyncObject> applied) {
}
