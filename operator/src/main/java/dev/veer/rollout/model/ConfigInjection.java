package dev.veer.rollout.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.veer.api.ConfigFrom;
import dev.veer.api.ConfigRevision;
import dev.veer.api.ConfigWatch;
import dev.veer.api.TargetKind;
import dev.veer.rollout.plan.RolloutConditions;
import dev.veer.rollout.plan.SpecCheck;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Puts the current versions of the ConfigWatches a rollout names in {@code spec.configFrom} into its pod template,
 * without I/O. Each entry becomes a reference to the ConfigWatch's immutable versioned object
 * ({@code status.versionedName}): a volume {@code veer-config-<name>} mounted read-only at {@code mountPath} in every
 * container and init container, or an {@code envFrom} of every container and init container. The template's hash,
 * the rollout revision's identity, therefore changes with every new version of the configuration.
 */
public final class ConfigInjection {

    /** Prefix of the volume that holds a ConfigWatch's configuration; the ConfigWatch's name follows. */
    public static final String VOLUME_PREFIX = "veer-config-";

    private static final KubernetesSerialization COPIER = new KubernetesSerialization();

    /**
     * The pod template with the configuration in it and the ConfigWatch revisions it uses; or, when an entry cannot
     * be resolved, the template as given and the problem.
     */
    public record Result(PodTemplateSpec template, List<ConfigRevision> configRevisions,
            Optional<SpecCheck.Problem> problem) {
    }

    private ConfigInjection() {
    }

    /**
     * @param watches the ConfigWatches of the rollout's namespace by name (at least those {@code configFrom} names)
     */
    public static Result resolve(PodTemplateSpec template, List<ConfigFrom> configFrom,
            Map<String, ConfigWatch> watches) {
        if (configFrom == null || configFrom.isEmpty()) {
            return new Result(template, List.of(), Optional.empty());
        }
        Optional<SpecCheck.Problem> invalid = check(template, configFrom, watches);
        if (invalid.isPresent()) {
            return new Result(template, List.of(), invalid);
        }
        PodTemplateSpec resolved = COPIER.clone(template);
        if (resolved.getSpec() == null) {
            resolved.setSpec(new PodSpec());
        }
        List<ConfigRevision> revisions = new ArrayList<>();
        for (ConfigFrom entry : configFrom) {
            ConfigWatch watch = watches.get(entry.getConfigWatch());
            String versioned = watch.getStatus().getVersionedName();
            boolean secret = watch.getSpec().getTarget().getKind() == TargetKind.Secret;
            if (Boolean.TRUE.equals(entry.getEnv())) {
                EnvFromSource from = secret
                        ? new EnvFromSourceBuilder().withNewSecretRef().withName(versioned).endSecretRef().build()
                        : new EnvFromSourceBuilder().withNewConfigMapRef().withName(versioned).endConfigMapRef()
                                .build();
                containers(resolved.getSpec()).forEach(c -> c.setEnvFrom(append(c.getEnvFrom(), from)));
            } else {
                String volume = volumeName(entry.getConfigWatch());
                VolumeBuilder builder = new VolumeBuilder().withName(volume);
                Volume built = secret ? builder.withNewSecret().withSecretName(versioned).endSecret().build()
                        : builder.withNewConfigMap().withName(versioned).endConfigMap().build();
                resolved.getSpec().setVolumes(append(resolved.getSpec().getVolumes(), built));
                containers(resolved.getSpec()).forEach(c -> c.setVolumeMounts(append(c.getVolumeMounts(),
                        new VolumeMountBuilder().withName(volume).withMountPath(entry.getMountPath())
                                .withReadOnly(true).build())));
            }
            ConfigRevision revision = new ConfigRevision();
            revision.setConfigWatch(entry.getConfigWatch());
            revision.setRevision(watch.getStatus().getRevision());
            revisions.add(revision);
        }
        return new Result(resolved, List.copyOf(revisions), Optional.empty());
    }

    public static String volumeName(String configWatch) {
        return VOLUME_PREFIX + configWatch;
    }

    /** What the CRD's rules forbid (for a server without CEL), and ConfigWatches that have no version to give. */
    private static Optional<SpecCheck.Problem> check(PodTemplateSpec template, List<ConfigFrom> configFrom,
            Map<String, ConfigWatch> watches) {
        Set<String> seen = new HashSet<>();
        Set<String> volumes = new HashSet<>();
        if (template != null && template.getSpec() != null && template.getSpec().getVolumes() != null) {
            template.getSpec().getVolumes().forEach(v -> volumes.add(v.getName()));
        }
        for (int i = 0; i < configFrom.size(); i++) {
            ConfigFrom entry = configFrom.get(i);
            String field = "spec.configFrom[" + i + "]";
            if (entry.getConfigWatch() == null || !seen.add(entry.getConfigWatch())) {
                return invalid(field + ": each ConfigWatch may be listed only once, by name");
            }
            if ((entry.getMountPath() != null) == Boolean.TRUE.equals(entry.getEnv())) {
                return invalid(field + ": set exactly one of mountPath or env: true");
            }
            if (entry.getMountPath() != null && volumes.contains(volumeName(entry.getConfigWatch()))) {
                return invalid(field + ": the pod template already has a volume named "
                        + volumeName(entry.getConfigWatch()) + ", which Veer uses for this ConfigWatch");
            }
        }
        for (ConfigFrom entry : configFrom) {
            ConfigWatch watch = watches.get(entry.getConfigWatch());
            if (watch == null) {
                return notReady("ConfigWatch " + entry.getConfigWatch() + " (spec.configFrom) does not exist");
            }
            if (watch.getStatus() == null || watch.getStatus().getVersionedName() == null
                    || watch.getStatus().getRevision() == null) {
                return notReady("ConfigWatch " + entry.getConfigWatch() + " (spec.configFrom) has no version yet"
                        + readiness(watch));
            }
        }
        return Optional.empty();
    }

    private static String readiness(ConfigWatch watch) {
        if (watch.getStatus() == null || watch.getStatus().getConditions() == null) {
            return "";
        }
        return watch.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .findFirst().map(c -> " (Ready: " + c.getReason() + ", " + c.getMessage() + ")").orElse("");
    }

    private static Optional<SpecCheck.Problem> invalid(String message) {
        return Optional.of(new SpecCheck.Problem(RolloutConditions.CONFIG_FROM_INVALID, message));
    }

    private static Optional<SpecCheck.Problem> notReady(String message) {
        return Optional.of(new SpecCheck.Problem(RolloutConditions.CONFIG_NOT_READY, message
                + "; nothing changes until it has one"));
    }

    private static List<Container> containers(PodSpec spec) {
        List<Container> all = new ArrayList<>();
        Optional.ofNullable(spec.getContainers()).ifPresent(all::addAll);
        Optional.ofNullable(spec.getInitContainers()).ifPresent(all::addAll);
        return all;
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = list == null ? new ArrayList<>() : new ArrayList<>(list);
        copy.add(item);
        return copy;
    }
}
