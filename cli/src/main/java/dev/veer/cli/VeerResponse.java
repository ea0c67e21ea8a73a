package dev.veer.cli;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code --wait}: watches a rollout until Veer has answered a command, and tells what it answered. Veer records an
 * Event for every {@code veer.dev/action} it takes ({@code ActionTaken}), declines ({@code ActionIgnored}) or does not
 * know ({@code UnknownAction}), then removes the annotation; a spec change is answered by
 * {@code status.observedGeneration} catching up with {@code metadata.generation}.
 */
final class VeerResponse {

    private static final Set<String> ACTION_REASONS = Set.of("ActionTaken", "ActionIgnored", "UnknownAction");
    /** Veer's clock and this machine's may differ a little; events this much older than the command still count. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(5);
    /** Veer writes the status right after it removed the annotation, in the same pass. */
    private static final Duration STATUS_AFTER_ACTION = Duration.ofSeconds(5);

    private final Cluster cluster;
    private final String name;
    private final Duration timeout;

    VeerResponse(Cluster cluster, String name, Duration timeout) {
        this.cluster = cluster;
        this.name = name;
        this.timeout = timeout;
    }

    record Answer(boolean taken, String reason, String message, Fields rollout) {
    }

    /** Waits until Veer removed the action annotation; returns its event about the action and the rollout after it. */
    Answer action(String action, Instant given) {
        Fields before = Fields.of(cluster.get(VeerKind.SERVICE_ROLLOUT, name));
        GenericKubernetesResource after = waitFor(r -> r == null
                || !action.equals(ActionRules.annotations(Fields.of(r)).get(ActionRules.ANNOTATION)),
                "Veer to take veer.dev/action=" + action);
        if (after == null) {
            throw new CliException("rollout " + name + " was deleted", CliException.NOT_DONE);
        }
        Optional<Event> event = cluster.eventsOf(VeerKind.SERVICE_ROLLOUT.kind(), name).stream()
                .filter(e -> ACTION_REASONS.contains(e.getReason()) && e.getMessage() != null
                        && e.getMessage().contains("'" + action + "'"))
                .filter(e -> !Instant.parse(Cluster.eventTime(e)).isBefore(given.minus(CLOCK_SLACK)))
                .max(Comparator.comparing(Cluster::eventTime));
        boolean taken = event.map(e -> "ActionTaken".equals(e.getReason())).orElse(false);
        Fields rollout = Fields.of(after);
        if (taken) {
            // Veer removes the annotation first, then writes the status of the same pass.
            Object statusBefore = before.value("status").orElse(null);
            rollout = Fields.of(waitFor(r -> r == null || !java.util.Objects.equals(statusBefore,
                    Fields.of(r).value("status").orElse(null)), "the status after " + action, after, STATUS_AFTER_ACTION));
        }
        return new Answer(taken, event.map(Event::getReason).orElse("NoEvent"),
                event.map(Event::getMessage).orElse("the annotation was removed, but Veer recorded no event about it"),
                rollout);
    }

    /** Waits until Veer has seen the given generation and the rollout has settled: Healthy, Paused or Degraded. */
    Fields settled(long generation, Set<String> phases) {
        GenericKubernetesResource after = waitFor(r -> r == null || (Fields.of(r).number("status.observedGeneration")
                .orElse(0L) >= generation && phases.contains(Fields.of(r).text("status.phase", ""))),
                "rollout " + name + " to reach " + String.join(" or ", phases.stream().sorted().toList())
                        + " at generation " + generation);
        if (after == null) {
            throw new CliException("rollout " + name + " was deleted", CliException.NOT_DONE);
        }
        return Fields.of(after);
    }

    private GenericKubernetesResource waitFor(Predicate<GenericKubernetesResource> condition, String what) {
        return waitFor(condition, what, null, timeout);
    }

    private GenericKubernetesResource waitFor(Predicate<GenericKubernetesResource> condition, String what,
            GenericKubernetesResource otherwise, Duration limit) {
        try {
            return cluster.resource(VeerKind.SERVICE_ROLLOUT, name).waitUntilCondition(condition,
                    limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientException e) {
            if (otherwise != null) {
                return otherwise;
            }
            throw new CliException("timed out after " + timeout.toSeconds() + " s waiting for " + what,
                    CliException.NOT_DONE);
        }
    }
}
