package dev.veer.configwatch.plan;

import java.util.Optional;
import java.util.Set;

import dev.veer.api.ConfigConsumer;

/**
 * A consumer as the cluster has it: whether it exists, the value of its config-hash pod-template annotation, the
 * names of the ConfigMaps and Secrets its pod templates refer to (a ServiceRollout's: those of its slot Deployments),
 * and, for a ServiceRollout, whether its spec.configFrom names the ConfigWatch.
 */
public record ConsumerObservation(ConfigConsumer consumer, boolean exists, Optional<String> hashAnnotation,
        Set<String> referencedNames, boolean takesConfigFrom) {

    /** A Deployment. */
    public ConsumerObservation(ConfigConsumer consumer, boolean exists, Optional<String> hashAnnotation,
            Set<String> referencedNames) {
        this(consumer, exists, hashAnnotation, referencedNames, false);
    }

    public static ConsumerObservation missing(ConfigConsumer consumer) {
        return new ConsumerObservation(consumer, false, Optional.empty(), Set.of());
    }

    /** An existing ServiceRollout: never rolled by the ConfigWatch, it takes the configuration by spec.configFrom. */
    public static ConsumerObservation rollout(ConfigConsumer consumer, Set<String> referencedNames,
            boolean takesConfigFrom) {
        return new ConsumerObservation(consumer, true, Optional.empty(), referencedNames, takesConfigFrom);
    }
}
