package dev.veer.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.veer.common.UnknownFields;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A real kube-apiserver with its etcd, started from local binaries by fabric8's kube-api-test, in the layout it
 * expects: {@code DIR/k8s/<x.y.z>-linux-amd64/{kube-apiserver,etcd,kubectl}} (the newest version found is used). With
 * it the sandbox has real discovery, schema and CEL validation, pruning, defaults and server-side apply; there is no
 * kube-controller-manager (no garbage collection, no Deployment controller: the simulated workload controller still
 * moves Deployments). Offline mode is set in code; the environment variable {@code KUBE_API_TEST_OFFLINE_MODE} must
 * stay unset (kube-api-test 7.3.1 fails on it).
 *
 * <p>Untested here: no kube-apiserver binary exists on the machine this was written on.
 */
public final class RealApiServer implements SandboxCluster {

    /** The environment variable naming the directory that holds {@code k8s/<version>-linux-amd64/}. */
    public static final String DIRECTORY_VARIABLE = "VEER_KUBE_API_TEST_DIR";

    private final KubeAPIServer server;
    private final KubernetesClient client;
    private final String kubeconfig;

    private RealApiServer(KubeAPIServer server, String kubeconfig) {
        this.server = server;
        this.kubeconfig = kubeconfig;
        this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig))
                .withKubernetesSerialization(new KubernetesSerialization(UnknownFields.reportAndSkip(
                        new ObjectMapper()), true))
                .build();
    }

    /** Why the binaries cannot be used, or empty when {@code directory} holds a kube-apiserver and an etcd. */
    public static Optional<String> unusable(String directory) {
        if (directory == null || directory.isBlank()) {
            return Optional.of(DIRECTORY_VARIABLE + " is not set");
        }
        Path k8s = Path.of(directory, "k8s");
        try (Stream<Path> versions = Files.isDirectory(k8s) ? Files.list(k8s) : Stream.empty()) {
            boolean found = versions.anyMatch(v -> v.getFileName().toString().endsWith("-linux-amd64")
                    && Files.isExecutable(v.resolve("kube-apiserver")) && Files.isExecutable(v.resolve("etcd")));
            return found ? Optional.empty()
                    : Optional.of(k8s + " has no <x.y.z>-linux-amd64/ directory with kube-apiserver and etcd");
        } catch (IOException e) {
            return Optional.of("cannot read " + k8s + ": " + e.getMessage());
        }
    }

    /** Starts kube-apiserver and etcd from {@code directory} (see {@link #unusable}); about 3 s. */
    public static RealApiServer start(String directory) {
        KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(directory).withOfflineMode(true).withUpdateKubeConfig(false).build());
        server.start();
        return new RealApiServer(server, server.getKubeConfigYaml());
    }

    /** Creates every CRD of the directory and waits until the server serves it (Established). */
    public RealApiServer installCrds(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in,
                            CustomResourceDefinition.class);
                    client.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
                    client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                            .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus()
                                    .getConditions().stream().anyMatch(s -> "Established".equals(s.getType())
                                            && "True".equals(s.getStatus())), 30, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CRDs from " + directory, e);
        }
        return this;
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String url() {
        return client.getConfiguration().getMasterUrl();
    }

    @Override
    public String kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        client.close();
        server.stop();
    }
}
