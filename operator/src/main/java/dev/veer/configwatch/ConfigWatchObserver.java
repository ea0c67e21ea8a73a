package dev.veer.configwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.veer.api.ConfigConsumer;
import dev.veer.api.ConfigRevision;
import dev.veer.api.ConfigWatch;
import dev.veer.api.ConsumerKind;
import dev.veer.api.EtcdSource;
import dev.veer.api.ServiceRollout;
import dev.veer.api.Snapshot;
import dev.veer.api.SnapshotSpec;
import dev.veer.api.SnapshotStatus;
import dev.veer.api.TargetKind;
import dev.veer.common.InstallationKeys;
import dev.veer.common.Labels;
import dev.veer.configwatch.etcd.PrefixView;
import dev.veer.configwatch.etcd.WatchKey;
import dev.veer.configwatch.model.ConfigNames;
import dev.veer.configwatch.model.VersionNames;
import dev.veer.configwatch.plan.ConfigHistory;
import dev.veer.configwatch.plan.ConfigSnapshot;
import dev.veer.configwatch.plan.ConsumerObservation;
import dev.veer.configwatch.plan.RolloutVerdict;
import dev.veer.configwatch.plan.Observed;
import dev.veer.configwatch.plan.VersionedObject;
import dev.veer.common.GoDuration;
import dev.veer.snapshot.SnapshotRecord;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Reads what a ConfigWatch pass needs: the prefix from the etcd watch (subscribing to it), the credentials from the
 * Secret, the owned objects and the Snapshots from the informer caches, and the consumers from the API server.
 */
@ApplicationScoped
class ConfigWatchObserver {

    private final KubernetesClient client;
    private final CredentialsReader credentials;
    private final InstallationKeys keys;

    @Inject
    ConfigWatchObserver(KubernetesClient client, InstallationKeys keys) {
        this.client = client;
        this.credentials = new CredentialsReader(client);
        this.keys = keys;
    }

    /** An observer keyed by the installation key in the client's namespace (an operator wired by hand). */
    ConfigWatchObserver(KubernetesClient client) {
        this(client, new InstallationKeys(client));
    }

    Observed observe(ConfigWatch watch, Context<ConfigWatch> context, EtcdEventSource etcd) {
        Optional<PrefixView> source = Optional.empty();
        Optional<String> credentialsProblem = Optional.empty();
        if (Boolean.TRUE.equals(watch.getSpec().getSuspend())) {
            etcd.unsubscribe(watch);
        } else {
            EtcdSource spec = watch.getSpec().getSource().getEtcd();
            CredentialsReader.Result read = credentials.read(watch.getMetadata().getNamespace(), spec);
            if (read.problem() != null) {
                etcd.unsubscribe(watch);
                credentialsProblem = Optional.of(read.problem());
            } else {
                source = Optional.of(etcd.subscribe(watch, new WatchKey(spec.getEndpoints(), spec.getPrefix(),
                        read.credentials(), GoDuration.parse(spec.getDialTimeout()))));
            }
        }
        List<HasMetadata> owned = owned(watch, context);
        List<VersionedObject> versions = owned.stream()
                .filter(o -> labels(o).getOrDefault(ConfigNames.REVISION, "").matches("[0-9]{1,9}"))
                .map(o -> new VersionedObject(o.getMetadata().getName(), annotation(o, ConfigNames.CONTENT_HASH),
                        Integer.parseInt(labels(o).get(ConfigNames.REVISION))))
                .toList();
        Optional<String> stableHash = owned.stream()
                .filter(o -> o.getMetadata().getName().equals(ConfigNames.stable(watch)))
                .map(o -> annotation(o, ConfigNames.CONTENT_HASH)).findFirst();
        ConfigHistory history = history(watch, context);
        List<ConsumerObservation> consumers = new ArrayList<>();
        Set<String> rollouts = new HashSet<>();
        for (ConfigConsumer consumer : watch.getSpec().getConsumers()) {
            consumers.add(consumer(watch, consumer));
            if (consumer.getKind() == ConsumerKind.ServiceRollout) {
                rollouts.add(consumer.getName());
            }
        }
        // Rollouts not listed as consumers that ran a revision with this ConfigWatch (their snapshots say so).
        history.rolloutVerdicts().stream().map(RolloutVerdict::rollout).distinct().filter(rollouts::add)
                .forEach(name -> consumers.add(consumer(watch, new ConfigConsumer(ConsumerKind.ServiceRollout,
                        name))));
        return new Observed(source, credentialsProblem, versions, stableHash, consumers, history, names(watch));
    }

    /** Keyed names for a Secret target (the installation key is read once, created on first start). */
    private VersionNames names(ConfigWatch watch) {
        return watch.getSpec().getTarget().getKind() == TargetKind.Secret ? VersionNames.keyed(keys.get())
                : VersionNames.plain();
    }

    /** The ConfigWatch's own snapshots, and the rollout snapshots that list one of its revisions. */
    private static ConfigHistory history(ConfigWatch watch, Context<ConfigWatch> context) {
        String name = watch.getMetadata().getName();
        List<ConfigSnapshot> own = new ArrayList<>();
        List<RolloutVerdict> verdicts = new ArrayList<>();
        context.getSecondaryResourcesAsStream(Snapshot.class)
                .filter(s -> s.getSpec() != null && watch.getMetadata().getNamespace()
                        .equals(s.getMetadata().getNamespace()))
                .forEach(snapshot -> {
                    SnapshotSpec spec = snapshot.getSpec();
                    SnapshotRecord record = SnapshotRecord.of(snapshot);
                    if ("ConfigWatch".equals(spec.getOwnerKind()) && name.equals(spec.getOwnerName())) {
                        own.add(new ConfigSnapshot(record, Optional.ofNullable(snapshot.getStatus())
                                .map(SnapshotStatus::getVerdictTime).map(Instant::parse),
                                Optional.ofNullable(annotation(snapshot, ConfigNames.KEY_COUNT))
                                        .filter(k -> k.matches("[0-9]{1,9}")).map(Integer::valueOf)));
                    } else if ("ServiceRollout".equals(spec.getOwnerKind()) && spec.getConfigRevisions() != null) {
                        String reason = snapshot.getStatus() == null ? null : snapshot.getStatus().getReason();
                        for (ConfigRevision used : spec.getConfigRevisions()) {
                            if (name.equals(used.getConfigWatch()) && used.getRevision() != null) {
                                verdicts.add(new RolloutVerdict(spec.getOwnerName(), spec.getRevision(),
                                        used.getRevision(), record.verdict(), reason));
                            }
                        }
                    }
                });
        return new ConfigHistory(own, verdicts);
    }

    private List<HasMetadata> owned(ConfigWatch watch, Context<ConfigWatch> context) {
        Class<? extends HasMetadata> kind = watch.getSpec().getTarget().getKind() == TargetKind.Secret
                ? Secret.class : ConfigMap.class;
        return context.getSecondaryResourcesAsStream(kind)
                .map(HasMetadata.class::cast)
                .filter(o -> watch.getMetadata().getName().equals(labels(o).get(ConfigNames.CONFIGWATCH)))
                .filter(o -> watch.getMetadata().getNamespace().equals(o.getMetadata().getNamespace()))
                .toList();
    }

    private ConsumerObservation consumer(ConfigWatch watch, ConfigConsumer consumer) {
        String namespace = watch.getMetadata().getNamespace();
        if (consumer.getKind() == ConsumerKind.ServiceRollout) {
            return rollout(watch, consumer);
        }
        PodTemplateSpec template = Optional.ofNullable(client.apps().deployments().inNamespace(namespace)
                .withName(consumer.getName()).get()).map(d -> d.getSpec().getTemplate()).orElse(null);
        if (template == null) {
            return ConsumerObservation.missing(consumer);
        }
        String annotation = template.getMetadata() == null || template.getMetadata().getAnnotations() == null ? null
                : template.getMetadata().getAnnotations().get(ConfigNames.consumerAnnotation(watch));
        Set<String> referenced = new HashSet<>(ConsumerReferences.of(template));
        if (annotation != null) {
            referenced.add(ConfigNames.versioned(watch, annotation));
        }
        return new ConsumerObservation(consumer, true, Optional.ofNullable(annotation), referenced);
    }

    /**
     * A ServiceRollout consumer: whether its spec.configFrom names the ConfigWatch, and the ConfigMaps and Secrets
     * its slot Deployments run with (the versions a running slot uses, which must not be deleted).
     */
    private ConsumerObservation rollout(ConfigWatch watch, ConfigConsumer consumer) {
        String namespace = watch.getMetadata().getNamespace();
        ServiceRollout rollout = client.resources(ServiceRollout.class).inNamespace(namespace)
                .withName(consumer.getName()).get();
        if (rollout == null) {
            return ConsumerObservation.missing(consumer);
        }
        Set<String> referenced = new HashSet<>();
        client.apps().deployments().inNamespace(namespace).withLabel(Labels.ROLLOUT, consumer.getName()).list()
                .getItems().forEach(d -> referenced.addAll(ConsumerReferences.of(d.getSpec().getTemplate())));
        boolean takes = rollout.getSpec().getConfigFrom() != null && rollout.getSpec().getConfigFrom().stream()
                .anyMatch(c -> watch.getMetadata().getName().equals(c.getConfigWatch()));
        return ConsumerObservation.rollout(consumer, referenced, takes);
    }

    private static Map<String, String> labels(HasMetadata object) {
        return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    }

    private static String annotation(HasMetadata object, String key) {
        return object.getMetadata().getAnnotations() == null ? null : object.getMetadata().getAnnotations().get(key);
    }
}
