package dev.veer.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import dev.veer.api.RolloutPhase;
import dev.veer.api.ServiceRollout;
import dev.veer.api.ServiceRolloutStatus;
import dev.veer.common.Conditions;
import dev.veer.common.Labels;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Creates rollouts in a namespace of their own and waits for what the operator does to them. */
public final class RolloutFixtures {

    static final Duration WAIT = Duration.ofSeconds(30);

    final KubernetesClient client;
    final String namespace;

    RolloutFixtures(KubernetesClient client) {
        this(client, "t-" + UUID.randomUUID().toString().substring(0, 8));
        client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }

    /** Rollouts in a new namespace of their own. */
    public static RolloutFixtures inNewNamespace(KubernetesClient client) {
        return new RolloutFixtures(client);
    }

    public String namespace() {
        return namespace;
    }

    /** For the rollouts of a namespace that another fixture created. */
    public RolloutFixtures(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public ServiceRollout create(String yaml) {
        ServiceRollout rollout = client.getKubernetesSerialization().unmarshal(yaml, ServiceRollout.class);
        rollout.getMetadata().setNamespace(namespace);
        return client.resource(rollout).create();
    }

    public ServiceRollout get(String name) {
        return client.resources(ServiceRollout.class).inNamespace(namespace).withName(name).get();
    }

    /** Changes the first container's image, as a client with optimistic locking does (read, change, update). */
    void setImage(String name, String image) {
        update(name, r -> r.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image));
    }

    /** {@code kubectl annotate sr NAME veer.dev/action=ACTION}. */
    public void act(String name, String action) {
        update(name, r -> r.getMetadata().getAnnotations().put(Labels.ACTION, action));
    }

    /**
     * Read, change, update; again on a conflict (the operator writes the status meanwhile). fabric8's mock API server
     * ignores JSON merge patches to a custom resource's spec, so tests do not patch.
     */
    public void update(String name, Consumer<ServiceRollout> change) {
        await().atMost(WAIT).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k
                && k.getCode() == 409).until(() -> {
                    ServiceRollout latest = get(name);
                    if (latest.getMetadata().getAnnotations() == null) {
                        latest.getMetadata().setAnnotations(new HashMap<>());
                    }
                    change.accept(latest);
                    client.resource(latest).update();
                    return true;
                });
    }

    public ServiceRolloutStatus awaitStatus(String name, Consumer<ServiceRolloutStatus> assertion) {
        await().atMost(WAIT).untilAsserted(() -> {
            ServiceRollout rollout = get(name);
            assertThat(rollout.getStatus()).as("status of %s", name).isNotNull();
            assertion.accept(rollout.getStatus());
        });
        return get(name).getStatus();
    }

    ServiceRolloutStatus awaitPhase(String name, RolloutPhase phase) {
        return awaitStatus(name, s -> assertThat(s.getPhase()).as("phase (stage %s, step %s: %s)", s.getStage(), s.getCurrentStepIndex(), s.getMessage()).isEqualTo(phase));
    }

    ServiceRolloutStatus awaitHealthyAt(String name, int stableRevision) {
        return awaitStatus(name, s -> {
            assertThat(s.getPhase()).as("phase (stage %s, step %s: %s)", s.getStage(), s.getCurrentStepIndex(), s.getMessage()).isEqualTo(RolloutPhase.Healthy);
            assertThat(s.getStableRevision()).isEqualTo(stableRevision);
            assertThat(Conditions.isTrue(s.getConditions(), "Ready")).isTrue();
        });
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    Service service(String name) {
        return client.services().inNamespace(namespace).withName(name).get();
    }

    Map<String, String> selectorOf(String service) {
        return service(service).getSpec().getSelector();
    }

    String imageOf(String deployment) {
        return deployment(deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    int replicasOf(String deployment) {
        return deployment(deployment).getSpec().getReplicas();
    }

    boolean hasEvent(String involvedName, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .anyMatch(e -> involvedName.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()));
    }

    static String canary(String name, String image, int replicas, String steps) {
        return rollout(name, image, replicas, String.join("\n",
                "    canary:",
                "      scaleDownDelaySeconds: 1",
                "      maxSurge: 25%",
                "      maxUnavailable: 0",
                "      steps: " + steps));
    }

    /** A canary whose strategy also has {@code canaryYaml}: lines under spec.strategy.canary, indented by six spaces. */
    public static String canaryWith(String name, String image, int replicas, String steps, String canaryYaml) {
        return canary(name, image, replicas, steps + "\n" + canaryYaml);
    }

    static String blueGreen(String name, String image, int replicas, boolean autoPromotion) {
        return rollout(name, image, replicas, String.join("\n",
                "    blueGreen:",
                "      activeService: " + name,
                "      previewService: " + name + "-preview",
                "      autoPromotionEnabled: " + autoPromotion,
                "      scaleDownDelaySeconds: 2"));
    }

    /** A rollout of one container; {@code strategy} is the YAML under spec.strategy, indented by four spaces. */
    private static String rollout(String name, String image, int replicas, String strategy) {
        return """
                apiVersion: veer.dev/v1alpha1
                kind: ServiceRollout
                metadata:
                  name: %s
                  annotations: {}
                spec:
                  replicas: %d
                  progressDeadlineSeconds: 600
                  paused: false
                  revisionHistoryLimit: 10
                  service:
                    ports: [{name: http, port: 80, targetPort: 8080}]
                  strategy:
                %s
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers: [{name: app, image: "%s", ports: [{containerPort: 8080}]}]
                """.formatted(name, replicas, strategy, name, image);
    }
}
