package dev.veer.gitsync.source;

import java.util.Map;

/**
 * A commit fetched into a working copy, and the manifests under a path of it: file path (relative to the repository
 * root) to content, sorted by path.
 */
public record FetchedCommit(String commit, Map<String, String> files) {
}
