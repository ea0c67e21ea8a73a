package dev.veer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.ConfigWatch;
import dev.veer.api.ConfigWatchStatus;
import dev.veer.common.Conditions;
import dev.veer.e2e.cluster.E2eOperator;
import dev.veer.e2e.cluster.RolloutYaml;
import dev.veer.e2e.cluster.Rollouts;
import dev.veer.testing.servers.EtcdServer;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** A ConfigWatch reading a real etcd started by the suite on 127.0.0.1 (the operator runs on this host). */
class ConfigWatchE2ETest {

    @RegisterExtension
    static final E2eOperator veer = E2eOperator.running();

    private static EtcdServer etcd;
    private static Client etcdClient;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdServer.start();
        etcdClient = Client.builder().endpoints(etcd.endpoint()).build();
    }

    @AfterAll
    static void stopEtcd() {
        if (etcdClient != null) {
            etcdClient.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void etcdKeysBecomeAConfigMapAndEachNewContentRollsTheConsumerOnce() throws Exception {
        String namespace = veer.namespace();
        String prefix = "/apps/" + namespace + "/";
        veer.client().resource(consumer(namespace, "inventory")).create();
        ConfigWatch watch = veer.client().getKubernetesSerialization().unmarshal("""
                apiVersion: veer.dev/v1alpha1
                kind: ConfigWatch
                metadata: {name: inventory-config}
                spec:
                  source: {etcd: {endpoints: ["%s"], prefix: "%s", dialTimeout: 2s}}
                  target: {kind: ConfigMap, name: inventory-config, format: keys}
                  consumers: [{kind: Deployment, name: inventory}]
                  debounceSeconds: 0
                  historyLimit: 5
                """.formatted(etcd.endpoint(), prefix), ConfigWatch.class);
        watch.getMetadata().setNamespace(namespace);
        veer.client().resource(watch).create();

        put(prefix + "db/host", "db-1.internal");
        ConfigWatchStatus first = awaitConfigWatch(s -> {
            assertThat(s.getRevision()).isEqualTo(1);
            assertThat(Conditions.isTrue(s.getConditions(), "Ready")).as("Ready (%s)", s.getConditions()).isTrue();
        });
        assertThat(configMap("inventory-config").getData()).containsExactlyEntriesOf(Map.of("db__host", "db-1.internal"));
        assertThat(configMap(first.getVersionedName()).getData()).containsEntry("db__host", "db-1.internal");
        await().atMost(Rollouts.WAIT).untilAsserted(() -> assertThat(hashAnnotation()).isEqualTo(first.getContentHash()));

        put(prefix + "db/host", "db-2.internal");
        ConfigWatchStatus second = awaitConfigWatch(s -> assertThat(s.getRevision()).isEqualTo(2));
        assertThat(second.getContentHash()).isNotEqualTo(first.getContentHash());
        assertThat(configMap("inventory-config").getData()).containsEntry("db__host", "db-2.internal");
        await().atMost(Rollouts.WAIT).untilAsserted(() -> assertThat(hashAnnotation()).isEqualTo(second.getContentHash()));
        assertThat(configMap(first.getVersionedName())).as("the first version is kept").isNotNull();
        await("the consumer's new pods are up").atMost(Rollouts.WAIT).untilAsserted(() -> {
            Deployment consumer = veer.client().apps().deployments().inNamespace(namespace).withName("inventory").get();
            assertThat(consumer.getStatus().getObservedGeneration()).isEqualTo(consumer.getMetadata().getGeneration());
            assertThat(consumer.getStatus().getUpdatedReplicas()).isEqualTo(1);
            assertThat(consumer.getStatus().getAvailableReplicas()).isEqualTo(1);
        });
    }

    private static void put(String key, String value) throws Exception {
        etcdClient.getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8),
                ByteSequence.from(value, StandardCharsets.UTF_8)).get();
    }

    private static ConfigWatchStatus awaitConfigWatch(Consumer<ConfigWatchStatus> assertion) {
        await("ConfigWatch status").atMost(Rollouts.WAIT).untilAsserted(() -> {
            ConfigWatch current = veer.client().resources(ConfigWatch.class).inNamespace(veer.namespace())
                    .withName("inventory-config").get();
            assertThat(current.getStatus()).isNotNull();
            assertion.accept(current.getStatus());
        });
        return veer.client().resources(ConfigWatch.class).inNamespace(veer.namespace()).withName("inventory-config")
                .get().getStatus();
    }

    private static ConfigMap configMap(String name) {
        return veer.client().configMaps().inNamespace(veer.namespace()).withName(name).get();
    }

    private static String hashAnnotation() {
        Map<String, String> annotations = veer.client().apps().deployments().inNamespace(veer.namespace())
                .withName("inventory").get().getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get("veer.dev/config-hash-inventory-config");
    }

    /** A plain Deployment of one pause pod that reads the ConfigMap as environment. */
    private static Deployment consumer(String namespace, String name) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("app").withImage(RolloutYaml.IMAGE).withImagePullPolicy("IfNotPresent")
                .addNewEnvFrom().withNewConfigMapRef("inventory-config", true).endEnvFrom()
                .endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
