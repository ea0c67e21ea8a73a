package dev.veer.configwatch;

import java.util.HashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.veer.api.ConfigConsumer;
import dev.veer.api.ConfigWatch;
import dev.veer.api.ServiceRollout;
import dev.veer.api.TargetKind;
import dev.veer.common.ResourceWriter;
import dev.veer.configwatch.model.ConfigNames;
import dev.veer.configwatch.model.ConfigObjects;
import dev.veer.configwatch.plan.ConfigAction;
import dev.veer.configwatch.plan.ConfigAction.ApplyStable;
import dev.veer.configwatch.plan.ConfigAction.ApplyVersioned;
import dev.veer.configwatch.plan.ConfigAction.DeleteVersion;
import dev.veer.configwatch.plan.ConfigAction.RollConsumer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;

/** Carries out a ConfigWatch plan's actions in order. */
@ApplicationScoped
class ConfigWatchExecutor {

    private static final Logger LOG = Logger.getLogger("dev.veer.configwatch");
    private static final int CONFLICT_RETRIES = 5;

    private final KubernetesClient client;
    private final ResourceWriter writer;

    ConfigWatchExecutor(KubernetesClient client, ResourceWriter writer) {
        this.client = client;
        this.writer = writer;
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
            }
        }
    }

    /**
     * Sets the consumer's pod-template annotation. Read, change, update with optimistic locking (again on a
     * conflict), rather than a patch: fabric8's mock API server ignores merge patches of a custom resource's spec,
     * and an update touches nothing but the annotation as read a moment before.
     */
    private void roll(ConfigWatch watch, ConfigConsumer consumer, String hash) {
        String namespace = watch.getMetadata().getNamespace();
        String annotation = ConfigNames.consumerAnnotation(watch);
        switch (consumer.getKind()) {
            case Deployment -> update(client.apps().deployments().inNamespace(namespace)
                    .withName(consumer.getName()), d -> annotate(d.getSpec().getTemplate(), annotation, hash));
            case ServiceRollout -> update(client.resources(ServiceRollout.class).inNamespace(namespace)
                    .withName(consumer.getName()), r -> annotate(r.getSpec().getTemplate(), annotation, hash));
        }
    }

    private <T extends HasMetadata> void update(Resource<T> resource, Consumer<T> change) {
        for (int attempt = 1;; attempt++) {
            T latest = resource.get();
            if (latest == null) {
                return;
            }
            change.accept(latest);
            try {
                client.resource(latest).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private static void annotate(PodTemplateSpec template, String key, String value) {
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        if (template.getMetadata().getAnnotations() == null) {
            template.getMetadata().setAnnotations(new HashMap<>());
        }
        template.getMetadata().getAnnotations().put(key, value);
    }

    private Resource<? extends HasMetadata> target(ConfigWatch watch, String name) {
        String namespace = watch.getMetadata().getNamespace();
        return watch.getSpec().getTarget().getKind() == TargetKind.Secret
                ? client.secrets().inNamespace(namespace).withName(name)
                : client.configMaps().inNamespace(namespace).withName(name);
    }
}
