package dev.veer.rollout;

import java.util.Set;
import java.util.stream.Collectors;

import dev.veer.api.ConfigWatch;
import dev.veer.api.ServiceRollout;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * The ConfigWatches that rollouts name in spec.configFrom, as an informer event source of the rollout controller: a
 * ConfigWatch's change (a new version in its status, or a rollback to the last good one) starts a pass of every
 * rollout in its namespace whose spec.configFrom names it, and a rollout's secondary ConfigWatches are those its
 * spec.configFrom names.
 */
final class ConfigFromSource {

    private ConfigFromSource() {
    }

    static InformerEventSource<ConfigWatch, ServiceRollout> create(EventSourceContext<ServiceRollout> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(ConfigWatch.class, ServiceRollout.class)
                .withSecondaryToPrimaryMapper(watch -> context.getPrimaryCache()
                        .list(watch.getMetadata().getNamespace(), rollout -> names(rollout)
                                .contains(watch.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((ServiceRollout rollout) -> names(rollout).stream()
                        .map(name -> new ResourceID(name, rollout.getMetadata().getNamespace()))
                        .collect(Collectors.toSet()))
                .build(), context);
    }

    static Set<String> names(ServiceRollout rollout) {
        var configFrom = rollout.getSpec() == null ? null : rollout.getSpec().getConfigFrom();
        return configFrom == null ? Set.of() : configFrom.stream().map(c -> c.getConfigWatch())
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    }
}
