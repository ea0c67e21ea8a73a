package dev.veer.configwatch;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;

/** The names of the ConfigMaps and Secrets a pod template refers to: volumes, {@code envFrom} and {@code env}. */
final class ConsumerReferences {

    private ConsumerReferences() {
    }

    static Set<String> of(PodTemplateSpec template) {
        Set<String> names = new HashSet<>();
        if (template == null || template.getSpec() == null) {
            return names;
        }
        for (Volume volume : nonNull(template.getSpec().getVolumes())) {
            Optional.ofNullable(volume.getConfigMap()).map(c -> c.getName()).ifPresent(names::add);
            Optional.ofNullable(volume.getSecret()).map(s -> s.getSecretName()).ifPresent(names::add);
            if (volume.getProjected() != null) {
                for (var source : nonNull(volume.getProjected().getSources())) {
                    Optional.ofNullable(source.getConfigMap()).map(c -> c.getName()).ifPresent(names::add);
                    Optional.ofNullable(source.getSecret()).map(s -> s.getName()).ifPresent(names::add);
                }
            }
        }
        for (List<Container> containers : List.of(nonNull(template.getSpec().getContainers()),
                nonNull(template.getSpec().getInitContainers()))) {
            for (Container container : containers) {
                for (var from : nonNull(container.getEnvFrom())) {
                    Optional.ofNullable(from.getConfigMapRef()).map(c -> c.getName()).ifPresent(names::add);
                    Optional.ofNullable(from.getSecretRef()).map(s -> s.getName()).ifPresent(names::add);
                }
                for (var env : nonNull(container.getEnv())) {
                    if (env.getValueFrom() != null) {
                        Optional.ofNullable(env.getValueFrom().getConfigMapKeyRef()).map(c -> c.getName())
                                .ifPresent(names::add);
                        Optional.ofNullable(env.getValueFrom().getSecretKeyRef()).map(s -> s.getName())
                                .ifPresent(names::add);
                    }
                }
            }
        }
        names.remove(null);
        return names;
    }

    private static <T> List<T> nonNull(List<T> items) {
        return items == null ? List.of() : items;
    }
}
