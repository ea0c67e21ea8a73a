package dev.veer.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.veer.sandbox.MockCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The installation key's Secret on the mock API server (CRUD with 409 on a second create of a name): created on
 * first start, read on later ones, one key when replicas start at once.
 */
class InstallationKeysTest {

    private static MockCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = MockCluster.start();
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void firstStartCreatesAnImmutableSecretWithARandomKeyAndARestartReadsTheSameKey() {
        String namespace = namespace();

        InstallationKey first = keys(namespace).get();
        Secret secret = client.secrets().inNamespace(namespace).withName(InstallationKeys.DEFAULT_NAME).get();
        assertThat(secret.getImmutable()).isTrue();
        assertThat(secret.getMetadata().getLabels()).containsEntry(Labels.MANAGED_BY, Labels.MANAGER);
        assertThat(Base64.getDecoder().decode(secret.getData().get(InstallationKeys.DATA_KEY)))
                .hasSize(InstallationKey.SIZE).isEqualTo(first.bytes());

        assertThat(keys(namespace).get()).as("a restarted operator").isEqualTo(first);
    }

    @Test
    void twoInstallationsHaveDifferentKeys() {
        assertThat(keys(namespace()).get()).isNotEqualTo(keys(namespace()).get());
    }

    @Test
    void replicasStartingAtOnceEndWithOneKey() throws Exception {
        String namespace = namespace();
        int replicas = 4;
        CyclicBarrier together = new CyclicBarrier(replicas);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<InstallationKey>> started = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                InstallationKeys replica = keys(namespace);
                started.add(pool.submit(() -> {
                    together.await();
                    return replica.get();
                }));
            }
            InstallationKey stored = keys(namespace).get();
            for (Future<InstallationKey> replica : started) {
                assertThat(replica.get()).isEqualTo(stored);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSecretWithoutAUsableKeyIsAnErrorNamingTheSecretNotItsContent() {
        String namespace = namespace();
        byte[] tooShort = "short".getBytes();
        client.resource(new SecretBuilder().withNewMetadata().withName(InstallationKeys.DEFAULT_NAME)
                .withNamespace(namespace).endMetadata()
                .withData(Map.of(InstallationKeys.DATA_KEY, Base64.getEncoder().encodeToString(tooShort)))
                .build()).create();

        assertThatThrownBy(() -> keys(namespace).get())
                .isInstanceOf(InstallationKeys.InstallationKeyException.class)
                .hasMessageContaining(namespace + "/" + InstallationKeys.DEFAULT_NAME)
                .hasMessageNotContaining("short")
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(tooShort))
                .hasMessageNotContaining(HexFormat.of().formatHex(tooShort));
    }

    private static InstallationKeys keys(String namespace) {
        return new InstallationKeys(client, Optional.of(namespace), InstallationKeys.DEFAULT_NAME);
    }

    private static String namespace() {
        String name = "veer-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }
}
