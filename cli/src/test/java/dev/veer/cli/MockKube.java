package dev.veer.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * fabric8's mock API server (CRUD mode) on loopback with Veer's CRDs from {@code crds/} installed (so that status is a
 * subresource, as on a real server), and a kubeconfig file pointing at it: what the plugin under test talks to.
 */
final class MockKube implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path kubeconfig;

    private MockKube(KubernetesMockServer server, Path kubeconfig) {
        this.server = server;
        this.client = server.createClient();
        this.kubeconfig = kubeconfig;
    }

    static MockKube start(Path directory) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        String url = "http://" + server.getHostName() + ":" + server.getPort();
        Path kubeconfig = directory.resolve("kubeconfig");
        try {
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: mock
                      cluster:
                        server: %s
                    contexts:
                    - name: mock
                      context: {cluster: mock, namespace: default, user: mock}
                    - name: mock-shop
                      context: {cluster: mock, namespace: shop, user: mock}
                    current-context: mock
                    users:
                    - name: mock
                      user: {token: mock}
                    """.formatted(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MockKube kube = new MockKube(server, kubeconfig);
        kube.installCrds(Path.of(System.getProperty("veer.crds.dir", "../crds")));
        return kube;
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    KubernetesClient client() {
        return client;
    }

    /** Creates every object of a YAML file under {@code src/test/resources/world/}; a {@code status} is written
     * through the status subresource after the object is created, as Veer writes it. */
    void load(String file, String namespace) {
        try (InputStream in = getClass().getResourceAsStream("/world/" + file)) {
            for (HasMetadata item : client.load(in).items()) {
                item.getMetadata().setNamespace(namespace);
                create(item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private void create(HasMetadata item) {
        if (item instanceof GenericKubernetesResource generic) {
            VeerKind kind = VeerKind.named(generic.getKind()).orElseThrow();
            var resources = client.genericKubernetesResources(kind.context()).inNamespace(namespace(item));
            Object status = generic.getAdditionalProperties().get("status");
            var created = resources.resource(generic).create();
            if (status != null && !status.equals(created.getAdditionalProperties().get("status"))) {
                // A kind whose CRD declares the status subresource: status is written separately.
                created.getAdditionalProperties().put("status", status);
                resources.resource(created).updateStatus();
            }
            return;
        }
        if (item instanceof io.fabric8.kubernetes.api.model.apps.Deployment deployment) {
            var status = deployment.getStatus();
            var created = client.resource(deployment).create();
            if (status != null) {
                created.setStatus(status);
                client.resource(created).updateStatus();
            }
            return;
        }
        client.resource(item).create();
    }

    private static String namespace(HasMetadata item) {
        return item.getMetadata().getNamespace();
    }

    /** The object as the API server holds it now. */
    GenericKubernetesResource get(VeerKind kind, String namespace, String name) {
        return client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name).get();
    }

    private void installCrds(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    var crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
                    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CRDs from " + directory, e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    static Map<String, String> annotations(GenericKubernetesResource resource) {
        return resource.getMetadata().getAnnotations() == null ? Map.of() : resource.getMetadata().getAnnotations();
    }
}
