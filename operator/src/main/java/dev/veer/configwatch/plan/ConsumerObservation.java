package dev.veer.configwatch.plan;

import java.util.Optional;
import java.util.Set;

import dev.veer.api.ConfigConsumer;

/**
 * A consumer as the cluster has it: whether it exists, the value of its config-hash pod-template annotation, and the
 * names of the ConfigMaps and Secrets its pod template refers to.
 */
public record ConsumerObservation(ConfigConsumer consumer, boolean exists, Optional<String> hashAnnotation,
        Set<String> referencedNames) {

    public static ConsumerObservation missing(ConfigConsumer consumer) {
        return new ConsumerObservation(consumer, false, Optional.empty(), Set.of());
    }
}
