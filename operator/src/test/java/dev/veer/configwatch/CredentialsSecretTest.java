package dev.veer.configwatch;

import static dev.veer.configwatch.ConfigWatchFixtures.condition;
import static dev.veer.configwatch.ConfigWatchFixtures.etcd;
import static dev.veer.configwatch.ConfigWatchFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.configwatch.etcd.SourceStatus;
import dev.veer.configwatch.plan.ConfigConditions;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.servers.EtcdServer;
import dev.veer.testing.servers.EtcdServerExtension;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A changed credentials Secret reconnects the ConfigWatch at once: the real operator, a real etcd with auth. */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class CredentialsSecretTest {

    @RegisterExtension
    static final EtcdServerExtension authEtcd = EtcdServerExtension.withOptions(
            () -> EtcdServer.Options.defaults().withArguments("--bcrypt-cost", "4"));

    @Inject
    KubernetesClient client;

    ConfigWatchFixtures cluster;

    @BeforeEach
    void setUp() {
        cluster = new ConfigWatchFixtures(client);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void aCorrectedPasswordInTheSecretReconnectsWithoutWaitingForTheRecheck() throws Exception {
        EtcdAuth.enable(authEtcd.endpoint(), "/rotate/", "app", "right-pw");
        try (Client root = EtcdAuth.rootClient(authEtcd.endpoint())) {
            put(root, "/rotate/token", "t1");
        }
        cluster.secret("app-etcd", Map.of("username", "app".getBytes(), "password", "wrong-pw".getBytes()));
        cluster.create("rotate", etcd(authEtcd.endpoint(), "/rotate/", "app-etcd"), "rotate", "");
        cluster.awaitStatus("rotate", s -> condition(s, ConfigConditions.DEGRADED, true,
                SourceStatus.AUTHENTICATION_FAILED));
        long refusedAt = System.nanoTime();

        var secret = client.secrets().inNamespace(cluster.namespace).withName("app-etcd").get();
        secret.getData().put("password", Base64.getEncoder().encodeToString("right-pw".getBytes()));
        client.resource(secret).update();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cluster.configMap("rotate"))
                .isNotNull().satisfies(m -> assertThat(m.getData()).isEqualTo(Map.of("token", "t1"))));
        assertThat(Duration.ofNanos(System.nanoTime() - refusedAt))
                .as("well before the 30 s recheck of a refused source").isLessThan(Duration.ofSeconds(20));
        cluster.awaitStatus("rotate", s -> condition(s, ConfigConditions.SOURCE_REACHABLE, true,
                SourceStatus.WATCHING));
    }
}
