package dev.veer.configwatch;

import static dev.veer.configwatch.ConfigWatchFixtures.condition;
import static dev.veer.configwatch.ConfigWatchFixtures.etcd;
import static dev.veer.configwatch.ConfigWatchFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.ConfigFormat;
import dev.veer.api.Snapshot;
import dev.veer.common.InstallationKey;
import dev.veer.common.InstallationKeys;
import dev.veer.configwatch.model.ConfigNames;
import dev.veer.configwatch.model.ConfigRenderer;
import dev.veer.configwatch.model.VersionNames;
import dev.veer.configwatch.plan.ConfigConditions;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.servers.EtcdServerExtension;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The real operator on the mock API server and a real etcd: a Secret target's versions are named by the keyed hash of
 * the installation key that the operator created on start, and the key shows up nowhere.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class SecretVersionNamesTest {

    @RegisterExtension
    static final EtcdServerExtension etcd = new EtcdServerExtension();

    @Inject
    KubernetesClient client;

    ConfigWatchFixtures cluster;
    Client kv;
    final List<String> logLines = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(String.valueOf(record.getMessage()) + " " + List.of(
                    record.getParameters() == null ? new Object[0] : record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() {
        cluster = new ConfigWatchFixtures(client);
        kv = Client.builder().endpoints(etcd.endpoint()).build();
        java.util.logging.Logger.getLogger("").addHandler(logCapture);
    }

    @AfterEach
    void tearDown() {
        java.util.logging.Logger.getLogger("").removeHandler(logCapture);
        cluster.close();
        kv.close();
    }

    @Test
    void aSecretTargetIsNamedByTheKeyedHashInNamesStatusSnapshotAndPodTemplateAndTheKeyIsNeverShown()
            throws Exception {
        String prefix = "/creds-" + UUID.randomUUID() + "/";
        put(kv, prefix + "db/password", "1234");
        cluster.deployment("api");
        cluster.create("creds", etcd(etcd.endpoint(), prefix, null), "api-creds",
                "target: {kind: Secret, name: api-creds, format: keys}\nconsumers: [{kind: Deployment, name: api}]");

        var status = cluster.awaitStatus("creds", s -> condition(s, ConfigConditions.READY, true,
                ConfigConditions.SYNCED));

        byte[] key = installationKey();
        SortedMap<String, byte[]> data = ConfigRenderer.render(ConfigWatches.entries("db/password", "1234"),
                ConfigFormat.keys, null).data();
        String keyed = VersionNames.keyed(InstallationKey.of(key)).hash(data);
        assertThat(status.getContentHash()).isEqualTo(keyed)
                .as("not the unsalted SHA-256 that anyone can check a guess against")
                .isNotEqualTo(VersionNames.plain().hash(data));
        assertThat(status.getVersionedName()).isEqualTo("api-creds-" + keyed);
        Secret versioned = client.secrets().inNamespace(cluster.namespace).withName("api-creds-" + keyed).get();
        assertThat(versioned).isNotNull();
        assertThat(versioned.getMetadata().getAnnotations()).containsEntry(ConfigNames.CONTENT_HASH, keyed);
        Snapshot snapshot = client.resources(Snapshot.class).inNamespace(cluster.namespace)
                .withName("creds-" + keyed).get();
        assertThat(snapshot.getSpec().getContentHash()).isEqualTo(keyed);
        org.awaitility.Awaitility.await().atMost(ConfigWatchFixtures.WAIT).untilAsserted(() ->
                assertThat(cluster.templateAnnotation("api", "creds")).isEqualTo(keyed));

        List<String> published = new ArrayList<>();
        published.add(client.getKubernetesSerialization().asJson(cluster.get("creds")));
        published.add(client.getKubernetesSerialization().asJson(snapshot));
        published.add(client.getKubernetesSerialization().asJson(client.apps().deployments()
                .inNamespace(cluster.namespace).withName("api").get()));
        published.add(client.getKubernetesSerialization().asJson(client.v1().events()
                .inNamespace(cluster.namespace).list()));
        published.addAll(logLines);
        for (String text : published) {
            assertThat(text).doesNotContain(HexFormat.of().formatHex(key))
                    .doesNotContain(Base64.getEncoder().encodeToString(key));
        }
        assertThat(logLines).as("log lines were captured during the test").isNotEmpty();
    }

    private byte[] installationKey() {
        Secret secret = client.secrets().inNamespace("default").withName(InstallationKeys.DEFAULT_NAME).get();
        assertThat(secret).as("the installation key Secret, created on start in the operator's namespace")
                .isNotNull();
        return Base64.getDecoder().decode(secret.getData().get(InstallationKeys.DATA_KEY));
    }
}
