package dev.veer.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Moves Deployment status the way the Deployment controller of a real cluster would, for a cluster that has none
 * (fabric8's mock API server). There are no pods: the controller writes the status fields that pods would make it
 * report.
 *
 * <p>Model: a Deployment's pods belong to its current pod template. Each time the template changes, new pods start
 * and are not ready until their readiness delay has passed (immediately, unless a test says otherwise); they may
 * also never become ready. Once a template's pods are ready, scaling that template up or down is immediate.
 * {@code observedGeneration} follows {@code metadata.generation}; {@code replicas} and {@code updatedReplicas} follow
 * {@code spec.replicas}; {@code readyReplicas} and {@code availableReplicas} are {@code spec.replicas} once ready,
 * else 0. The {@code Available} and {@code Progressing} conditions are set as the real controller sets them.
 *
 * <p>Tests shape readiness with {@link #readyAfter} and {@link #neverReady}, choosing Deployments by {@link #image}
 * or {@link #configMap}; the latest matching rule wins.
 */
public final class SimulatedWorkloadController implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulatedWorkloadController.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "simulated-workload-controller");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ReadinessRule> rules = new CopyOnWriteArrayList<>();
    /** Per Deployment (namespace/name): the template its pods run and when those pods started. */
    private final Map<String, PodsStarted> pods = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Deployment> informer;

    private SimulatedWorkloadController(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.informer = client.apps().deployments().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {
                schedule(deployment, Duration.ZERO);
            }

            @Override
            public void onUpdate(Deployment oldDeployment, Deployment deployment) {
                schedule(deployment, Duration.ZERO);
            }

            @Override
            public void onDelete(Deployment deployment, boolean deletedFinalStateUnknown) {
                pods.remove(key(deployment));
            }
        });
    }

    /** Starts watching every Deployment the client can see. */
    public static SimulatedWorkloadController start(KubernetesClient client) {
        return new SimulatedWorkloadController(client, Clock.systemUTC());
    }

    /** Pods of matching Deployments become ready only after {@code delay} from their start. */
    public void readyAfter(Predicate<Deployment> which, Duration delay) {
        rules.add(new ReadinessRule(which, Optional.of(delay)));
        informer.getStore().list().forEach(d -> schedule(d, Duration.ZERO));
    }

    /** Pods of matching Deployments never become ready. */
    public void neverReady(Predicate<Deployment> which) {
        rules.add(new ReadinessRule(which, Optional.empty()));
        informer.getStore().list().forEach(d -> schedule(d, Duration.ZERO));
    }

    /** Forgets every readiness rule: pods become ready at once again. */
    public void reset() {
        rules.clear();
    }

    /** Matches Deployments whose pod template runs a container with this image. */
    public static Predicate<Deployment> image(String image) {
        return deployment -> containers(deployment).stream().anyMatch(c -> image.equals(c.getImage()));
    }

    /**
     * Matches Deployments whose pod template uses this ConfigMap, as a volume or as a container's envFrom: a
     * configuration that the application cannot start with.
     */
    public static Predicate<Deployment> configMap(String name) {
        return deployment -> {
            var spec = deployment.getSpec() == null || deployment.getSpec().getTemplate() == null ? null
                    : deployment.getSpec().getTemplate().getSpec();
            if (spec == null) {
                return false;
            }
            boolean volume = spec.getVolumes() != null && spec.getVolumes().stream()
                    .anyMatch(v -> v.getConfigMap() != null && name.equals(v.getConfigMap().getName()));
            boolean env = containers(deployment).stream().filter(c -> c.getEnvFrom() != null)
                    .flatMap(c -> c.getEnvFrom().stream())
                    .anyMatch(e -> e.getConfigMapRef() != null && name.equals(e.getConfigMapRef().getName()));
            return volume || env;
        };
    }

    private static List<Container> containers(Deployment deployment) {
        if (deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getSpec() == null) {
            return List.of();
        }
        return deployment.getSpec().getTemplate().getSpec().getContainers();
    }

    private void schedule(Deployment deployment, Duration delay) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        executor.schedule(() -> reconcile(namespace, name), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconcile(String namespace, String name) {
        Deployment deployment = informer.getStore().getByKey(namespace + "/" + name);
        if (deployment == null || deployment.getSpec() == null) {
            return;
        }
        Instant now = clock.instant();
        String template = String.valueOf(Objects.hashCode(deployment.getSpec().getTemplate()));
        PodsStarted started = pods.compute(key(deployment), (k, previous) -> previous != null
                && previous.template().equals(template) ? previous : new PodsStarted(template, now));
        Optional<Duration> readinessDelay = readinessDelay(deployment);
        boolean ready = readinessDelay.isPresent() && !now.isBefore(started.at().plus(readinessDelay.get()));
        if (readinessDelay.isPresent() && !ready) {
            schedule(deployment, Duration.between(now, started.at().plus(readinessDelay.get())));
        }
        DeploymentStatus desired = status(deployment, ready);
        if (!desired.equals(deployment.getStatus())) {
            try {
                client.apps().deployments().inNamespace(namespace).withName(name)
                        .editStatus(current -> {
                            current.setStatus(desired);
                            return current;
                        });
            } catch (KubernetesClientException e) {
                // Deleted or changed meanwhile: the informer event that follows brings us back here.
                LOG.debugf("Status of Deployment %s/%s not written: %s", namespace, name, e.getMessage());
            }
        }
    }

    private Optional<Duration> readinessDelay(Deployment deployment) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            ReadinessRule rule = rules.get(i);
            if (rule.which().test(deployment)) {
                return rule.delay();
            }
        }
        return Optional.of(Duration.ZERO);
    }

    private DeploymentStatus status(Deployment deployment, boolean ready) {
        int desired = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        int readyReplicas = ready ? desired : 0;
        DeploymentStatusBuilder status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(desired)
                .withUpdatedReplicas(desired)
                .withReadyReplicas(readyReplicas)
                .withAvailableReplicas(readyReplicas)
                .withUnavailableReplicas(desired - readyReplicas);
        List<DeploymentCondition> previous = deployment.getStatus() == null ? List.of()
                : deployment.getStatus().getConditions();
        status.withConditions(
                condition(previous, "Available", readyReplicas >= desired,
                        readyReplicas >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable"),
                condition(previous, "Progressing", true,
                        ready ? "NewReplicaSetAvailable" : "ReplicaSetUpdated"));
        return status.build();
    }

    private DeploymentCondition condition(List<DeploymentCondition> previous, String type, boolean status,
            String reason) {
        String value = status ? "True" : "False";
        // Like the real controller, the transition time changes only when the status does; a fixed text keeps the
        // status equal between passes so that nothing is written when nothing changed.
        String transition = previous.stream().filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
                .map(DeploymentCondition::getLastTransitionTime).filter(Objects::nonNull).findFirst()
                .orElseGet(() -> clock.instant().toString());
        return new DeploymentConditionBuilder().withType(type).withStatus(value).withReason(reason)
                .withLastTransitionTime(transition).withLastUpdateTime(transition).build();
    }

    private static String key(Deployment deployment) {
        return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
    }

    @Override
    public void close() {
        informer.close();
        executor.shutdownNow();
    }

    private record ReadinessRule(Predicate<Deployment> which, Optional<Duration> delay) {
    }

    private record PodsStarted(String template, Instant at) {
    }
}
