package dev.veer.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.Set;

/**
 * A change to a rollout's spec (pause, resume, rollback, set image) and, with {@code --wait}, Veer's answer: the
 * rollout once Veer has seen the new generation and settled (Healthy, Paused or Degraded).
 */
final class SpecChange {

    static final Set<String> SETTLED = Set.of("Healthy", "Paused", "Degraded");

    private SpecChange() {
    }

    static Fields apply(Cluster cluster, String name, JsonPatch patch) {
        return Fields.of(cluster.patch(VeerKind.SERVICE_ROLLOUT, name, patch.json()));
    }

    static Fields awaitSettled(Cluster cluster, String name, Fields changed, Duration timeout, Set<String> phases) {
        long generation = changed.number("metadata.generation").orElse(0L);
        return new VeerResponse(cluster, name, timeout).settled(generation, phases);
    }

    static GenericKubernetesResource current(Cluster cluster, String name) {
        return cluster.get(VeerKind.SERVICE_ROLLOUT, name);
    }
}
