package dev.veer.rollout.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.veer.api.ServiceRolloutStatus;

/**
 * What one reconcile pass does: the actions to take in order, the status to write once they are taken, the events to
 * record, whether the user's action annotation was consumed, when to look again if nothing else triggers a pass, and
 * the reason of a rollback this pass completed (all traffic verified back on the stable version), for the metrics.
 */
public record Plan(List<Action> actions, ServiceRolloutStatus status, List<RolloutEvent> events,
        boolean actionConsumed, Optional<Duration> requeueAfter, Optional<String> rolledBack) {
}
