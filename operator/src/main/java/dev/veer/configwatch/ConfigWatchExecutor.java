package dev.veer.configwatch;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.veer.api.ConfigConsumer;
import dev.veer.api.ConfigWatch;
import dev.veer.api.ConsumerKind;
import dev.veer.api.Snapshot;
import dev.veer.api.TargetKind;
import dev.veer.common.ResourceWriter;
import dev.veer.configwatch.model.ConfigNames;
import dev.veer.configwatch.model.ConfigObjects;
import dev.veer.configwatch.plan.ConfigAction;
import dev.veer.configwatch.plan.ConfigAction.ApplyStable;
import dev.veer.configwatch.plan.ConfigAction.ApplyVersioned;
import dev.veer.configwatch.plan.ConfigAction.DeleteSnapshot;
import dev.veer.configwatch.plan.ConfigAction.DeleteVersion;
import dev.veer.configwatch.plan.ConfigAction.RecordSnapshot;
import dev.veer.configwatch.plan.ConfigAction.RestoreStable;
import dev.veer.configwatch.plan.ConfigAction.RollConsumer;
import dev.veer.configwatch.plan.ConfigAction.SetSnapshotVerdict;
import dev.veer.snapshot.SnapshotFactory;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

/** Carries out a ConfigWatch plan's actions in order: its objects, its consumers' annotations, its Snapshots. */
@ApplicationScoped
class ConfigWatchExecutor {

    private static final Logger LOG = Logger.getLogger("dev.veer.configwatch");

    private final KubernetesClient client;
    private final ResourceWriter writer;
    private final Clock clock;

    ConfigWatchExecutor(KubernetesClient client, ResourceWriter writer, Clock clock) {
        this.client = client;
        this.writer = writer;
        this.clock = clock;
    }

    void execute(ConfigWatch watch, Iterable<ConfigAction> actions) {
        for (ConfigAction action : actions) {
            if (action instanceof ApplyVersioned versioned) {
                writer.apply(ConfigObjects.versioned(watch, versioned.config(), versioned.revision(),
                        versioned.etcdRevision()));
            } else if (action instanceof ApplyStable stable) {
                writer.apply(ConfigObjects.stable(watch, stable.config(), stable.etcdRevision()));
            } else if (action instanceof RollConsumer roll) {
                roll(watch, roll.consumer(), roll.hash());
            } else if (action instanceof DeleteVersion delete) {
                LOG.debugf("Deleting %s/%s, beyond the history limit", watch.getMetadata().getNamespace(),
                        delete.name());
                target(watch, delete.name()).delete();
            } else if (action instanceof RestoreStable restore) {
                restore(watch, restore);
            } else if (action instanceof RecordSnapshot record) {
                record(watch, record);
            } else if (action instanceof SetSnapshotVerdict verdict) {
                setVerdict(watch, verdict);
            } else if (action instanceof DeleteSnapshot delete) {
                snapshots(watch).withName(delete.name()).delete();
            } else {
                throw new IllegalStateException("Unknown action " + action);
            }
        }
    }

    private void restore(ConfigWatch watch, RestoreStable restore) {
        HasMetadata versioned = target(watch, restore.versionedName()).get();
        if (versioned == null) {
            throw new IllegalStateException("the versioned object " + restore.versionedName() + " to return to is gone");
        }
        writer.apply(ConfigObjects.restoredStable(watch, versioned));
    }

    /** Applies the snapshot: named by its content, it is never duplicated, and applied again it does not change. */
    private void record(ConfigWatch watch, RecordSnapshot record) {
        Snapshot snapshot = SnapshotFactory.ofConfig(watch, record.revision(), record.config().hash(),
                ConfigObjects.snapshotData(watch, record.config()), record.etcdRevision(), clock.instant());
        snapshot.getMetadata().setAnnotations(Map.of(ConfigNames.KEY_COUNT,
                String.valueOf(record.config().keyCount())));
        writer.apply(snapshot);
    }

    private void setVerdict(ConfigWatch watch, SetSnapshotVerdict verdict) {
        Snapshot snapshot = snapshots(watch).withName(verdict.name()).get();
        if (snapshot == null) {
            return;
        }
        snapshot.setStatus(SnapshotFactory.verdict(verdict.verdict(), verdict.reason(), verdict.message(),
                clock.instant()));
        writer.applyStatus(snapshot);
    }

    private NonNamespaceOperation<Snapshot, KubernetesResourceList<Snapshot>, Resource<Snapshot>> snapshots(
            ConfigWatch watch) {
        return client.resources(Snapshot.class).inNamespace(watch.getMetadata().getNamespace());
    }

    /**
     * Sets a Deployment consumer's pod-template annotation: a server-side apply of that one annotation
     * ({@link ConfigObjects#consumerAnnotation}), so that Veer owns it and nothing else of the user's Deployment. A
     * consumer that is gone is left alone; one that another controller owns is not written
     * ({@link dev.veer.common.NameInUseException}). A ServiceRollout consumer is never written to (it takes the
     * configuration by spec.configFrom).
     */
    private void roll(ConfigWatch watch, ConfigConsumer consumer, String hash) {
        if (consumer.getKind() != ConsumerKind.Deployment) {
            throw new IllegalStateException("only a Deployment consumer is rolled, not " + consumer.getKind());
        }
        Deployment current = client.apps().deployments().inNamespace(watch.getMetadata().getNamespace())
                .withName(consumer.getName()).get();
        if (current != null) {
            writer.applyTo(current, ConfigObjects.consumerAnnotation(current, ConfigNames.consumerAnnotation(watch),
                    hash));
        }
    }

    private Resource<? extends HasMetadata> target(ConfigWatch watch, String name) {
        String namespace = watch.getMetadata().getNamespace();
        return watch.getSpec().getTarget().getKind() == TargetKind.Secret
                ? client.secrets().inNamespace(namespace).withName(name)
                : client.configMaps().inNamespace(namespace).withName(name);
    }
}
