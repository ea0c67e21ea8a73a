package dev.veer.configwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.veer.api.ConfigWatch;
import dev.veer.common.Conditions;
import dev.veer.common.EventRecorder;
import dev.veer.common.InstallationKeys;
import dev.veer.common.ResourceWriter;
import dev.veer.configwatch.plan.ConfigConditions;
import dev.veer.sandbox.MockCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A Secret target whose versions cannot be named, because the installation key Secret holds no usable key: the
 * ConfigWatch says so in its status, with a typed reason naming the Secret, and writes nothing. The operator is wired
 * by hand on the mock API server so that its key Secret can be broken before it starts.
 */
class InstallationKeyUnavailableTest {

    @Test
    void anUnusableKeySecretIsAReadyFalseConditionNamingTheSecretAndNoSecretVersionIsWritten() {
        try (MockCluster cluster = MockCluster.start()
                .installCrds(Path.of(System.getProperty("veer.crds.dir", "../crds")))) {
            KubernetesClient client = cluster.client();
            client.resource(new NamespaceBuilder().withNewMetadata().withName("veer").endMetadata().build()).create();
            client.resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
            client.resource(new SecretBuilder().withNewMetadata().withName("broken-key").withNamespace("veer")
                    .endMetadata().withData(Map.of(InstallationKeys.DATA_KEY,
                            Base64.getEncoder().encodeToString("short".getBytes())))
                    .build()).create();
            Operator operator = start(client, new InstallationKeys(client, Optional.of("veer"), "broken-key"));
            try {
                ConfigWatch watch = ConfigWatches.watch("creds", """
                        source:
                          etcd: {endpoints: ["http://127.0.0.1:9"], prefix: /apps/shop/, dialTimeout: 1s}
                        target: {kind: Secret, name: shop-creds, format: keys}
                        consumers: []
                        debounceSeconds: 0
                        historyLimit: 3
                        suspend: false
                        """);
                watch.getMetadata().setUid(null);
                watch.getMetadata().setGeneration(null);
                client.resource(watch).create();

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    var status = client.resources(ConfigWatch.class).inNamespace("shop").withName("creds").get()
                            .getStatus();
                    assertThat(status).isNotNull();
                    var ready = Conditions.find(status.getConditions(), ConfigConditions.READY).orElseThrow();
                    assertThat(ready.getStatus()).isEqualTo("False");
                    assertThat(ready.getReason()).isEqualTo(ConfigConditions.INSTALLATION_KEY_UNAVAILABLE);
                    assertThat(ready.getMessage()).contains("veer/broken-key").doesNotContain("short");
                });
                assertThat(client.secrets().inNamespace("shop").list().getItems()).isEmpty();
            } finally {
                operator.stop();
            }
        }
    }

    private static Operator start(KubernetesClient client, InstallationKeys keys) {
        Clock clock = Clock.systemUTC();
        ResourceWriter writer = new ResourceWriter(client, false);
        var reconciler = new ConfigWatchReconciler(new ConfigWatchObserver(client, keys),
                new ConfigWatchExecutor(client, writer, clock), new EventRecorder(client, clock), writer,
                new ConfigWatchMetrics(new SimpleMeterRegistry()), clock);
        Operator operator = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false));
        operator.register(reconciler);
        operator.start();
        return operator;
    }
}
