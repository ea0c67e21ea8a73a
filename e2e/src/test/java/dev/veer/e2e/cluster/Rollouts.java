package dev.veer.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.veer.api.RolloutPhase;
import dev.veer.api.ServiceRollout;
import dev.veer.api.ServiceRolloutStatus;
import dev.veer.api.Snapshot;
import dev.veer.common.Conditions;
import dev.veer.common.Labels;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ExecActionBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** The ServiceRollouts of one namespace: create, change as a user does, and wait for what the operator reports. */
public final class Rollouts {

    /** Generous: on a loaded cluster a version's pods take a while; nothing here waits for a timer that long. */
    public static final Duration WAIT = Duration.ofMinutes(3);

    private final KubernetesClient client;
    private final String namespace;

    public Rollouts(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    public ServiceRollout create(String yaml) {
        ServiceRollout rollout = client.getKubernetesSerialization().unmarshal(yaml, ServiceRollout.class);
        rollout.getMetadata().setNamespace(namespace);
        return client.resource(rollout).create();
    }

    public ServiceRollout get(String name) {
        return client.resources(ServiceRollout.class).inNamespace(namespace).withName(name).get();
    }

    /** Read, change, update; again on a conflict (the operator writes the status meanwhile). */
    public void update(String name, Consumer<ServiceRollout> change) {
        await("update of " + name).atMost(Duration.ofSeconds(30))
                .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
                .until(() -> {
                    ServiceRollout latest = get(name);
                    if (latest.getMetadata().getAnnotations() == null) {
                        latest.getMetadata().setAnnotations(new HashMap<>());
                    }
                    change.accept(latest);
                    client.resource(latest).update();
                    return true;
                });
    }

    /** A new version: the version variable changes; {@code ready} false gives it the never-ready probe. */
    public void setVersion(String name, String version, boolean ready) {
        update(name, rollout -> {
            var container = rollout.getSpec().getTemplate().getSpec().getContainers().get(0);
            container.setEnv(List.of(new EnvVar(RolloutYaml.VERSION_VARIABLE, version, null)));
            container.setReadinessProbe(ready ? null : new ProbeBuilder().withExec(
                    new ExecActionBuilder().withCommand(PodReadiness.NEVER_READY_COMMAND).build())
                    .withPeriodSeconds(1).build());
        });
    }

    /** {@code kubectl annotate sr NAME veer.dev/action=ACTION}. */
    public void act(String name, String action) {
        update(name, rollout -> rollout.getMetadata().getAnnotations().put(Labels.ACTION, action));
    }

    public ServiceRolloutStatus awaitStatus(String name, Consumer<ServiceRolloutStatus> assertion) {
        await("status of " + namespace + "/" + name).atMost(WAIT).pollInterval(Duration.ofMillis(250))
                // A request the API server drops now and then is asked again; the last failure is reported.
                .ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .untilAsserted(() -> {
                    ServiceRollout rollout = get(name);
                    assertThat(rollout).as("rollout %s", name).isNotNull();
                    assertThat(rollout.getStatus()).as("status of %s", name).isNotNull();
                    assertion.accept(rollout.getStatus());
                });
        return get(name).getStatus();
    }

    public ServiceRolloutStatus awaitHealthyAt(String name, int stableRevision) {
        return awaitStatus(name, s -> {
            assertThat(s.getPhase()).as("phase (stage %s, step %s: %s)", s.getStage(), s.getCurrentStepIndex(),
                    s.getMessage()).isEqualTo(RolloutPhase.Healthy);
            assertThat(s.getStableRevision()).isEqualTo(stableRevision);
            assertThat(Conditions.isTrue(s.getConditions(), "Ready")).isTrue();
        });
    }

    public Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    public Map<String, String> selectorOf(String service) {
        return client.services().inNamespace(namespace).withName(service).require().getSpec().getSelector();
    }

    public int replicasOf(String deployment) {
        Integer replicas = client.apps().deployments().inNamespace(namespace).withName(deployment).require()
                .getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    public List<Snapshot> snapshotsOf(String owner) {
        return client.resources(Snapshot.class).inNamespace(namespace).withLabel(Labels.OWNER, owner).list()
                .getItems();
    }

    public boolean hasEvent(String involvedName, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .anyMatch(e -> involvedName.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()));
    }
}
