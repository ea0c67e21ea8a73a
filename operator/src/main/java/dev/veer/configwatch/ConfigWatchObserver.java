package dev.veer.configwatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.veer.api.ConfigConsumer;
import dev.veer.api.ConfigWatch;
import dev.veer.api.EtcdSource;
import dev.veer.api.ServiceRollout;
import dev.veer.api.TargetKind;
import dev.veer.configwatch.etcd.PrefixView;
import dev.veer.configwatch.etcd.WatchKey;
import dev.veer.configwatch.model.ConfigNames;
import dev.veer.configwatch.plan.ConsumerObservation;
import dev.veer.configwatch.plan.Observed;
import dev.veer.configwatch.plan.VersionedObject;
import dev.veer.common.GoDuration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Reads what a ConfigWatch pass needs: the prefix from the etcd watch (subscribing to it), the credentials from the
 * Secret, the owned objects from the informer cache, and the consumers from the API server.
 */
@ApplicationScoped
class ConfigWatchObserver {

    private final KubernetesClient client;
    private final CredentialsReader credentials;

    ConfigWatchObserver(KubernetesClient client) {
        this.client = client;
        this.credentials = new CredentialsReader(client);
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
        List<ConsumerObservation> consumers = new ArrayList<>();
        for (ConfigConsumer consumer : watch.getSpec().getConsumers()) {
            consumers.add(consumer(watch, consumer));
        }
        return new Observed(source, credentialsProblem, versions, stableHash, consumers);
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
        PodTemplateSpec template = switch (consumer.getKind()) {
            case Deployment -> Optional.ofNullable(client.apps().deployments().inNamespace(namespace)
                    .withName(consumer.getName()).get()).map(d -> d.getSpec().getTemplate()).orElse(null);
            case ServiceRollout -> Optional.ofNullable(client.resources(ServiceRollout.class).inNamespace(namespace)
                    .withName(consumer.getName()).get()).map(r -> r.getSpec().getTemplate()).orElse(null);
        };
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

    private static Map<String, String> labels(HasMetadata object) {
        return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    }

    private static String annotation(HasMetadata object, String key) {
        return object.getMetadata().getAnnotations() == null ? null : object.getMetadata().getAnnotations().get(key);
    }
}
