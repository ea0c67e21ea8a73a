package dev.veer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.testing.ProductionApiServer;
import dev.veer.testing.servers.FreePort;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The packaged production jar ({@code target/quarkus-app/quarkus-run.jar}, prod profile, leader election on) against
 * the mock API server in CRUD mode, where Leases work: it takes the Lease, and on SIGTERM it exits within a few seconds
 * and leaves the Lease with no holder, so that another replica need not wait for it to expire. Runs in the
 * integration-test phase (failsafe), after {@code package} built the jar.
 */
class ProductionJarShutdownIT {

    private static final String LEASE = "veer-operator-lease";
    private static final Duration EXIT_BOUND = Duration.ofSeconds(15);

    private ProductionApiServer server;
    private KubernetesClient client;
    private Process operator;
    private Path log;

    @BeforeEach
    void startClusterAndOperator() throws IOException {
        startApiServer();
        Path jar = Path.of(System.getProperty("veer.prod.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("the production jar, built by package").exists();
        log = Files.createTempFile("veer-prod-jar", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", server.url());
        builder.environment().put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "default");
        builder.environment().put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(FreePort.allocate()));
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON", "false");
        builder.environment().put("KUBECONFIG", File.separator + "nonexistent");
        builder.environment().put("HOSTNAME", "veer-under-test");
        operator = builder.start();
    }

    @AfterEach
    void stop() throws IOException {
        if (operator != null && operator.isAlive()) {
            operator.destroyForcibly();
        }
        if (client != null) {
            client.close();
            server.close();
        }
        System.out.println("--- production jar output ---\n" + Files.readString(log));
    }

    @Test
    void sigtermExitsWithinSecondsAndReleasesTheLease() throws InterruptedException {
        await("the production jar holding Lease " + LEASE).atMost(Duration.ofSeconds(90))
                .failFast("the production jar exited", () -> !operator.isAlive())
                .until(() -> holder().filter("veer-under-test"::equals).isPresent());

        operator.destroy();

        assertThat(operator.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS))
                .as("the production jar exits within %s of SIGTERM", EXIT_BOUND).isTrue();
        assertThat(holder()).as("holder of Lease " + LEASE + " after the shutdown").isEmpty();
    }

    private void startApiServer() {
        server = ProductionApiServer.start(Path.of(System.getProperty("veer.crds.dir", "../crds")));
        client = server.client();
    }

    private Optional<String> holder() {
        Lease lease = client.leases().inNamespace("default").withName(LEASE).get();
        return Optional.ofNullable(lease).map(Lease::getSpec).map(spec -> spec.getHolderIdentity())
                .filter(h -> !h.isEmpty());
    }
}
