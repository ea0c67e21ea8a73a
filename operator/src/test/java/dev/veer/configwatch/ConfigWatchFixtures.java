package dev.veer.configwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.veer.api.ConfigWatch;
import dev.veer.api.ConfigWatchStatus;
import dev.veer.api.RolloutPhase;
import dev.veer.api.ServiceRollout;
import dev.veer.api.ServiceRolloutStatus;
import dev.veer.api.Snapshot;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.Conditions;
import dev.veer.common.Labels;
import dev.veer.rollout.RolloutFixtures;
import dev.veer.configwatch.model.ConfigNames;
import dev.veer.rollout.model.ConfigInjection;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.DeleteOption;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/** A namespace of its own, ConfigWatches and Deployments in it, etcd writes, and waits for what the operator does. */
final class ConfigWatchFixtures implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    final KubernetesClient client;
    final String namespace;
    /** The ServiceRollouts of the same namespace. */
    final RolloutFixtures rollouts;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();

    ConfigWatchFixtures(KubernetesClient client) {
        this.client = client;
        this.namespace = "cw-" + UUID.randomUUID().toString().substring(0, 8);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        this.rollouts = new RolloutFixtures(client, namespace);
    }

    /** The YAML flow map of {@code spec.source.etcd}, with a secretRef if {@code secret} is not null. */
    static String etcd(URI endpoint, String prefix, String secret) {
        return "{endpoints: [\"%s\"], prefix: \"%s\", dialTimeout: 2s%s}".formatted(endpoint, prefix,
                secret == null ? "" : ", secretRef: {name: " + secret + "}");
    }

    /**
     * Creates a ConfigWatch {@code name} of source {@code etcd} (see {@link #etcd}) into ConfigMap {@code target}
     * as keys, no debounce; {@code moreSpec} adds or overrides spec fields (YAML lines; a {@code target:} line
     * replaces the ConfigMap target).
     */
    ConfigWatch create(String name, String etcd, String target, String moreSpec) {
        StringBuilder spec = new StringBuilder(moreSpec).append('\n');
        for (String field : List.of("suspend: false", "historyLimit: 5", "debounceSeconds: 0")) {
            if (!moreSpec.contains(field.substring(0, field.indexOf(':') + 1))) {
                spec.append(field).append('\n');
            }
        }
        String yaml = """
                apiVersion: veer.dev/v1alpha1
                kind: ConfigWatch
                metadata: {name: %s}
                spec:
                  source: {etcd: %s}
                  %s
                %s
                """.formatted(name, etcd, moreSpec.contains("target:") ? "" : "target: {kind: ConfigMap, name: "
                        + target + ", format: keys}", spec.toString().indent(2));
        ConfigWatch watch = client.getKubernetesSerialization().unmarshal(yaml, ConfigWatch.class);
        watch.getMetadata().setNamespace(namespace);
        return client.resource(watch).create();
    }

    Deployment deployment(String name) {
        return client.resource(deploymentBuilder(name).build()).create();
    }

    /** A Deployment that mounts ConfigMap {@code configMap} as a volume. */
    Deployment deployment(String name, String configMap) {
        return client.resource(deploymentBuilder(name).editSpec().editTemplate().editSpec()
                .addNewVolume().withName("config").withNewConfigMap().withName(configMap).endConfigMap().endVolume()
                .endSpec().endTemplate().endSpec().build()).create();
    }

    private DeploymentBuilder deploymentBuilder(String name) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(name + ":1").endContainer().endSpec()
                .endTemplate().endSpec();
    }

    /** A canary ServiceRollout without steps: a new template is promoted as soon as its pods are ready. */
    ServiceRollout rollout(String name) {
        String yaml = """
                apiVersion: veer.dev/v1alpha1
                kind: ServiceRollout
                metadata: {name: %s}
                spec:
                  replicas: 1
                  progressDeadlineSeconds: 600
                  paused: false
                  revisionHistoryLimit: 10
                  service: {ports: [{name: http, port: 80, targetPort: 8080}]}
                  strategy: {canary: {scaleDownDelaySeconds: 0, maxSurge: 25%%, maxUnavailable: 0, steps: []}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {containers: [{name: app, image: "%s:1"}]}
                """.formatted(name, name, name);
        ServiceRollout rollout = client.getKubernetesSerialization().unmarshal(yaml, ServiceRollout.class);
        rollout.getMetadata().setNamespace(namespace);
        return client.resource(rollout).create();
    }

    /**
     * A canary ServiceRollout with these steps (YAML) and progress deadline, taking its configuration from
     * {@code configFrom} (YAML list).
     */
    ServiceRollout rolloutWithConfig(String name, String steps, int progressDeadlineSeconds, String configFrom) {
        String yaml = """
                apiVersion: veer.dev/v1alpha1
                kind: ServiceRollout
                metadata: {name: %s, annotations: {}}
                spec:
                  replicas: 2
                  progressDeadlineSeconds: %d
                  paused: false
                  revisionHistoryLimit: 10
                  configFrom: %s
                  service: {ports: [{name: http, port: 80, targetPort: 8080}]}
                  strategy: {canary: {scaleDownDelaySeconds: 0, maxSurge: 25%%, maxUnavailable: 0, steps: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {containers: [{name: app, image: "%s:1"}]}
                """.formatted(name, progressDeadlineSeconds, configFrom, steps, name, name);
        ServiceRollout rollout = client.getKubernetesSerialization().unmarshal(yaml, ServiceRollout.class);
        rollout.getMetadata().setNamespace(namespace);
        return client.resource(rollout).create();
    }

    ServiceRolloutStatus awaitRolloutStatus(String name, Consumer<ServiceRolloutStatus> assertion) {
        return rollouts.awaitStatus(name, assertion);
    }

    ServiceRolloutStatus awaitRolloutHealthyAt(String name, int stableRevision) {
        return awaitRolloutStatus(name, s -> {
            assertThat(s.getPhase()).as("phase (stage %s, step %s: %s)", s.getStage(), s.getCurrentStepIndex(),
                    s.getMessage()).isEqualTo(RolloutPhase.Healthy);
            assertThat(s.getStableRevision()).isEqualTo(stableRevision);
        });
    }

    /** {@code kubectl annotate sr NAME veer.dev/action=ACTION}. */
    void act(String rollout, String action) {
        rollouts.act(rollout, action);
    }

    String activeSlot(String rollout) {
        return rollouts.get(rollout).getStatus().getActiveSlot().label();
    }

    /** The ConfigMap that a Deployment's configuration volume (veer-config-*) holds, or null. */
    String volumeConfigMap(String deployment) {
        var volumes = client.apps().deployments().inNamespace(namespace).withName(deployment).get().getSpec()
                .getTemplate().getSpec().getVolumes();
        return volumes == null ? null : volumes.stream()
                .filter(v -> v.getName().startsWith(ConfigInjection.VOLUME_PREFIX) && v.getConfigMap() != null)
                .map(v -> v.getConfigMap().getName()).findFirst().orElse(null);
    }

    /** The verdicts of an owner's Snapshots (listed by the veer.dev/owner label) by revision. */
    Map<Integer, SnapshotVerdict> snapshotVerdicts(String owner) {
        return client.resources(Snapshot.class).inNamespace(namespace).withLabel(Labels.OWNER, owner).list()
                .getItems().stream().collect(Collectors.toMap(s -> s.getSpec().getRevision(),
                        s -> s.getStatus() == null || s.getStatus().getVerdict() == null ? SnapshotVerdict.Pending
                                : s.getStatus().getVerdict()));
    }

    /** Waits until the rollout's Snapshot of {@code revision} records exactly these {@code name@revision}s. */
    void awaitSnapshotConfigRevisions(String rollout, int revision, String... configRevisions) {
        await().atMost(WAIT).untilAsserted(() -> {
            Snapshot snapshot = client.resources(Snapshot.class).inNamespace(namespace)
                    .withLabel(Labels.OWNER, rollout).list().getItems().stream()
                    .filter(s -> "ServiceRollout".equals(s.getSpec().getOwnerKind())
                            && s.getSpec().getRevision() == revision)
                    .findFirst().orElse(null);
            assertThat(snapshot).as("snapshot %s of %s", revision, rollout).isNotNull();
            assertThat(snapshot.getSpec().getConfigRevisions()).extracting(r -> r.getConfigWatch() + "@"
                    + r.getRevision()).containsExactly(configRevisions);
        });
    }

    void awaitRollout(String name, Consumer<ServiceRolloutStatus> assertion) {
        rollouts.awaitStatus(name, assertion);
    }

    String rolloutTemplateAnnotation(String rollout, String configWatch) {
        var annotations = client.resources(ServiceRollout.class).inNamespace(namespace).withName(rollout).get()
                .getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ConfigNames.CONSUMER_HASH_PREFIX + configWatch);
    }

    /** Read, change, update the ConfigWatch; again on a conflict (the mock API server ignores spec merge patches). */
    void update(String name, Consumer<ConfigWatch> change) {
        await().atMost(WAIT).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k
                && k.getCode() == 409).until(() -> {
                    ConfigWatch latest = get(name);
                    change.accept(latest);
                    client.resource(latest).update();
                    return true;
                });
    }

    /** The revisions of the versioned ConfigMaps of a ConfigWatch, ascending. */
    List<Integer> versionedRevisions(String configWatch) {
        return client.configMaps().inNamespace(namespace).withLabel(ConfigNames.CONFIGWATCH, configWatch).list()
                .getItems().stream()
                .map(c -> c.getMetadata().getLabels().get(ConfigNames.REVISION))
                .filter(java.util.Objects::nonNull).map(Integer::valueOf).sorted().toList();
    }

    void secret(String name, Map<String, byte[]> data) {
        Map<String, String> encoded = new HashMap<>();
        data.forEach((k, v) -> encoded.put(k, java.util.Base64.getEncoder().encodeToString(v)));
        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withData(encoded).build()).create();
    }

    ConfigWatch get(String name) {
        return client.resources(ConfigWatch.class).inNamespace(namespace).withName(name).get();
    }

    ConfigWatchStatus awaitStatus(String name, Consumer<ConfigWatchStatus> assertion) {
        await().atMost(WAIT).untilAsserted(() -> {
            ConfigWatch watch = get(name);
            assertThat(watch.getStatus()).as("status of %s", name).isNotNull();
            assertion.accept(watch.getStatus());
        });
        return get(name).getStatus();
    }

    static void condition(ConfigWatchStatus status, String type, boolean value, String reason) {
        var condition = Conditions.find(status.getConditions(), type);
        assertThat(condition).as("condition %s", type).isPresent();
        assertThat(condition.get().getStatus()).as("%s (%s: %s)", type, condition.get().getReason(),
                condition.get().getMessage()).isEqualTo(value ? "True" : "False");
        if (reason != null) {
            assertThat(condition.get().getReason()).as("reason of %s", type).isEqualTo(reason);
        }
    }

    ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get();
    }

    /** The stable ConfigMap's data once it equals {@code expected}. */
    void awaitData(String configMap, Map<String, String> expected) {
        await().atMost(WAIT).untilAsserted(() -> {
            ConfigMap map = configMap(configMap);
            assertThat(map).as("ConfigMap %s", configMap).isNotNull();
            assertThat(map.getData()).isEqualTo(expected);
        });
    }

    String templateAnnotation(String deployment, String configWatch) {
        var annotations = client.apps().deployments().inNamespace(namespace).withName(deployment).get().getSpec()
                .getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ConfigNames.CONSUMER_HASH_PREFIX + configWatch);
    }

    /** Every change of the Deployment's config-hash annotation from now on, as the values it changed to. */
    List<String> recordTemplateAnnotation(String deployment, String configWatch) {
        List<String> changes = new CopyOnWriteArrayList<>();
        AtomicReference<String> last = new AtomicReference<>(templateAnnotation(deployment, configWatch));
        watches.add(client.apps().deployments().inNamespace(namespace).withName(deployment).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment resource) {
                var annotations = resource.getSpec().getTemplate().getMetadata().getAnnotations();
                String value = annotations == null ? null
                        : annotations.get(ConfigNames.CONSUMER_HASH_PREFIX + configWatch);
                if (value != null && !value.equals(last.getAndSet(value))) {
                    changes.add(value);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        }));
        return changes;
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // etcd

    static long put(Client etcd, String key, String value) throws Exception {
        return etcd.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS).getHeader().getRevision();
    }

    static long delete(Client etcd, String key) throws Exception {
        return etcd.getKVClient().delete(bytes(key), DeleteOption.DEFAULT).get(10, TimeUnit.SECONDS).getHeader()
                .getRevision();
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
