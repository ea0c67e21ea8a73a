package dev.veer.configwatch.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.veer.api.ConfigWatchStatus;

/** What one pass of a ConfigWatch does: actions in order, the status to write, events, and when to look again. */
public record ConfigPlan(List<ConfigAction> actions, ConfigWatchStatus status, List<ConfigEvent> events,
        Optional<Duration> requeueAfter) {
}
