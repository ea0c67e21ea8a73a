package dev.veer.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.veer.api.RolloutPhase;
import dev.veer.api.ServiceRollout;
import dev.veer.api.ServiceRolloutStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * Veer's sandbox: the operator runs against an embedded mock API server with the simulated workload controller, the
 * CRDs of {@code crds/} and the resources of {@code samples/} applied, and a console account of every rollout's
 * progress. Started with {@code ./mvnw -pl operator quarkus:dev -Dquarkus.profile=sandbox}; {@code kubectl} reaches
 * the embedded API server through {@code operator/target/sandbox/kubeconfig}.
 */
@Singleton
@IfBuildProfile("sandbox")
public class Sandbox {

    private static final Logger LOG = Logger.getLogger("dev.veer.sandbox");

    private final SandboxCluster cluster;
    private final SimulatedWorkloadController workloads;
    private final Path samples;
    private final boolean demo;

    Sandbox(@ConfigProperty(name = "veer.sandbox.port", defaultValue = "0") int port,
            @ConfigProperty(name = "veer.sandbox.demo", defaultValue = "true") boolean demo) {
        this.demo = demo;
        this.cluster = startCluster(port);
        this.workloads = SimulatedWorkloadController.start(cluster.client());
        this.samples = locate("samples");
        Path kubeconfig = Path.of("target", "sandbox", "kubeconfig").toAbsolutePath();
        try {
            Files.createDirectories(kubeconfig.getParent());
            Files.writeString(kubeconfig, cluster.kubeconfig());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + kubeconfig, e);
        }
        LOG.infof("Try: KUBECONFIG=%s kubectl get sr,snap,hc,cw", kubeconfig);
    }

    /**
     * A real kube-apiserver when {@value RealApiServer#DIRECTORY_VARIABLE} names kube-api-test's binaries, otherwise
     * the embedded mock API server; the console says which one and why.
     */
    private static SandboxCluster startCluster(int port) {
        String directory = System.getenv(RealApiServer.DIRECTORY_VARIABLE);
        var unusable = RealApiServer.unusable(directory);
        if (unusable.isEmpty()) {
            RealApiServer server = RealApiServer.start(directory).installCrds(locate("crds"));
            LOG.infof("Sandbox API server at %s: a real kube-apiserver and etcd from %s (%s): real discovery, schema "
                    + "and CEL validation, server-side apply; no controller-manager.", server.url(), directory,
                    RealApiServer.DIRECTORY_VARIABLE);
            return server;
        }
        MockCluster mock = MockCluster.start(port, true).installCrds(locate("crds"));
        LOG.infof("Sandbox API server at %s: the embedded mock API server, since %s (fabric8's mock server with "
                + "discovery, OpenAPI v3 and admission by the CRDs' schemas and CEL rules; no server-side apply, no "
                + "garbage collection).", mock.url(), unusable.get());
        return mock;
    }

    /** Replaces the Kubernetes client of a real cluster with one of the embedded API server. */
    @Produces
    @Singleton
    KubernetesClient kubernetesClient() {
        return cluster.client();
    }

    void applySamples(@Observes StartupEvent event) {
        KubernetesClient client = cluster.client();
        client.resources(ServiceRollout.class).inAnyNamespace().inform(new Narrator(demo ? this::nextVersion : r -> {
        }));
        try (Stream<Path> files = Files.list(samples)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    List<HasMetadata> resources = client.load(in).items();
                    for (HasMetadata resource : resources) {
                        if (resource.getMetadata().getNamespace() == null) {
                            resource.getMetadata().setNamespace("default");
                        }
                        client.resource(resource).create();
                        LOG.infof("Applied %s %s/%s from samples/%s", resource.getKind(),
                                resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
                                file.getFileName());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read samples from " + samples, e);
        }
    }

    /**
     * The demo: once a sample is healthy at its first revision, roll out the next version of its image (tag 1.0.0
     * becomes 1.1.0), so that the console shows the strategy at work. Off with {@code -Dveer.sandbox.demo=false}.
     */
    private void nextVersion(ServiceRollout rollout) {
        var status = rollout.getStatus();
        var containers = rollout.getSpec().getTemplate().getSpec().getContainers();
        if (status == null || status.getPhase() != RolloutPhase.Healthy || status.getStableRevision() == null
                || status.getStableRevision() != 1 || !containers.get(0).getImage().endsWith(":1.0.0")) {
            return;
        }
        String next = containers.get(0).getImage().replace(":1.0.0", ":1.1.0");
        LOG.infof("Demo: rolling out %s to sr/%s", next, rollout.getMetadata().getName());
        cluster.client().resources(ServiceRollout.class).inNamespace(rollout.getMetadata().getNamespace())
                .withName(rollout.getMetadata().getName()).edit(r -> {
                    r.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(next);
                    return r;
                });
    }

    @PreDestroy
    void stop() {
        workloads.close();
        cluster.close();
    }

    /** Finds a top-level directory of the repository from the operator module or the repository root. */
    private static Path locate(String name) {
        for (Path candidate : List.of(Path.of(name), Path.of("..", name))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("Cannot find the " + name + "/ directory from " + Path.of("").toAbsolutePath());
    }

    /** Tells on the console how each rollout moves. */
    private static final class Narrator implements ResourceEventHandler<ServiceRollout> {
        private final Consumer<ServiceRollout> onChange;

        Narrator(Consumer<ServiceRollout> onChange) {
            this.onChange = onChange;
        }

        @Override
        public void onAdd(ServiceRollout rollout) {
            tell(rollout);
        }

        @Override
        public void onUpdate(ServiceRollout before, ServiceRollout after) {
            if (!Objects.equals(summary(before.getStatus()), summary(after.getStatus()))) {
                tell(after);
                onChange.accept(after);
            }
        }

        @Override
        public void onDelete(ServiceRollout rollout, boolean deletedFinalStateUnknown) {
            LOG.infof("sr/%s deleted", rollout.getMetadata().getName());
        }

        private static void tell(ServiceRollout rollout) {
            LOG.infof("sr/%s %s", rollout.getMetadata().getName(), summary(rollout.getStatus()));
        }

        private static String summary(ServiceRolloutStatus status) {
            if (status == null || status.getPhase() == null) {
                return "(not reconciled yet)";
            }
            return "phase=%s step=%s weight=%s stable=%s canary=%s: %s".formatted(status.getPhase(),
                    status.getCurrentStepIndex(), status.getCanaryWeight(), status.getStableRevision(),
                    status.getCanaryRevision(), status.getMessage());
        }
    }
}
