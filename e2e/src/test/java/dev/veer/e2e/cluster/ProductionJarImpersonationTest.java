package dev.veer.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.veer.testing.servers.FreePort;

/**
 * The production jar, launched as the e2e suite launches it, against a recording HTTP endpoint instead of an API
 * server: every request the operator's own client sends must carry the ServiceAccount's impersonation headers. This
 * runs offline; it proves the environment reaches the client Quarkus builds, not that an API server accepts it.
 * The endpoint answers 404 to everything, so the operator's CRD validation (on in the production build) finds no
 * CRD and the operator exits: the negative twin of the e2e test that it starts against the installed CRDs.
 */
class ProductionJarImpersonationTest {

    private static final OperatorIdentity IDENTITY = new OperatorIdentity("veer-e2e-operator-offline", "veer");

    private record Request(String method, String path, List<String> user, List<String> groups) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private OperatorProcess operator;

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void productionJarImpersonatesTheServiceAccountOnEveryRequestAndValidatesCrdsAtStart(@TempDir Path dir) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getOrDefault("Impersonate-User", List.of()),
                    exchange.getRequestHeaders().getOrDefault("Impersonate-Group", List.of())));
            byte[] body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: recorder, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: admin, user: {token: not-a-secret}}]
                contexts: [{name: recorder, context: {cluster: recorder, user: admin}}]
                current-context: recorder
                """.formatted(server.getAddress().getPort()));
        Path jar = Path.of(System.getProperty("veer.repo.root", ".."), "operator/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the production jar, built before this module by ./mvnw verify").isRegularFile();
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        OperatorLaunch launch = new OperatorLaunch(java, jar, FreePort.allocate(), IDENTITY, "veer-e2e-offline",
                "veer-offline", dir.resolve("operator.log"));

        assertThatThrownBy(() -> operator = OperatorProcess.start(launch,
                environment -> environment.put("KUBECONFIG", kubeconfig.toString())))
                .as("with CRD validation on, an operator that finds no CRD stops; the failure quotes its log")
                .hasMessageContaining("exited before it became ready")
                .hasMessageContaining(launch.logFile().toString())
                .hasMessageContaining("MissingCRDException")
                .hasMessageContaining("CRD was not found on the cluster");

        await().atMost(Duration.ofSeconds(30)).until(() -> !requests.isEmpty());
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.user()).as("%s %s", request.method(), request.path())
                    .containsExactly("system:serviceaccount:veer-e2e-operator-offline:veer");
            assertThat(request.groups()).as("%s %s", request.method(), request.path())
                    .containsExactlyInAnyOrderElementsOf(IDENTITY.groups());
        });
    }
}
