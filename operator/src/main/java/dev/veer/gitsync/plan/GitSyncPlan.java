package dev.veer.gitsync.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.veer.api.GitSyncStatus;

/** The writes of a pass, the status to write once they succeeded, and when to look again. */
public record GitSyncPlan(List<GitSyncAction> actions, GitSyncStatus status, Optional<Duration> requeueAfter) {
}
