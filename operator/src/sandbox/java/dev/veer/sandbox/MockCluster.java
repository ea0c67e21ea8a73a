package dev.veer.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.veer.common.UnknownFields;
import dev.veer.sandbox.apiserver.ApiServerDispatcher;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * fabric8's mock API server in CRUD mode, listening on loopback, with Veer's CRDs installed so that their status and
 * scale subresources behave as declared.
 *
 * <p>In front of fabric8's CRUD dispatcher, {@link ApiServerDispatcher} serves discovery, {@code /version}, OpenAPI
 * v3 and tables, and optionally admission (schema, CEL, pruning, defaults, RFC 7386 merge patch). What it still cannot
 * do (measured, see the field notes): server-side apply, set-based label selectors, owner-reference garbage
 * collection. Veer's configuration for
 * tests and the sandbox ({@code application.properties}, "Mock API server differences") keeps the operator off those
 * paths.
 */
public final class MockCluster implements SandboxCluster {

    private final KubernetesMockServer server;
    private final ApiServerDispatcher dispatcher;
    private final KubernetesClient client;

    private MockCluster(KubernetesMockServer server, ApiServerDispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
        // Read as the operator's client reads in Quarkus (KubernetesClientReading): an unknown field is reported and
        // skipped, never the end of an informer.
        this.client = server.createClient(builder -> builder.withKubernetesSerialization(
                new KubernetesSerialization(UnknownFields.reportAndSkip(new ObjectMapper()), true)));
    }

    /** Starts a mock API server on a free loopback port. */
    public static MockCluster start() {
        return start(0);
    }

    /** Starts a mock API server on the given loopback port (0: any free port), without admission. */
    public static MockCluster start(int port) {
        return start(port, false);
    }

    /**
     * Starts a mock API server on the given loopback port (0: any free port). It serves discovery, OpenAPI v3 and
     * tables for kubectl; with {@code admission}, every write of a custom resource is pruned, defaulted and validated
     * against its CRD's schema and CEL rules, as a real API server does ({@link ApiServerDispatcher}).
     */
    public static MockCluster start(int port, boolean admission) {
        ApiServerDispatcher dispatcher = new ApiServerDispatcher(admission, Clock.systemUTC());
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), port);
        return new MockCluster(server, dispatcher);
    }

    /** Creates every CRD found in {@code *.yml} / {@code *.yaml} files of the directory. */
    public MockCluster installCrds(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(MockCluster::isYaml).sorted().forEach(this::installCrd);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CRDs from " + directory, e);
        }
        return this;
    }

    private void installCrd(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in,
                    CustomResourceDefinition.class);
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            dispatcher.addCrd(JSON.valueToTree(crd));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CRD " + file, e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    /** A client of this server; callers must not close it. */
    @Override
    public KubernetesClient client() {
        return client;
    }

    /** Base URL of the API server, for example {@code http://127.0.0.1:40123}. */
    @Override
    public String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    /** A kubeconfig that points kubectl at this server. */
    @Override
    public String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: veer-sandbox
                  cluster:
                    server: %s
                contexts:
                - name: veer-sandbox
                  context:
                    cluster: veer-sandbox
                    namespace: default
                    user: veer-sandbox
                current-context: veer-sandbox
                users:
                - name: veer-sandbox
                  user:
                    token: sandbox
                """.formatted(url());
    }

    /**
     * Takes every request the server recorded since the last call and counts them by HTTP method (for benchmarks:
     * the mock server keeps each request in memory until it is taken).
     */
    public Map<String, Integer> drainRequestCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        try {
            RecordedRequest request;
            while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
                counts.merge(request.getMethod(), 1, Integer::sum);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return counts;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
