package dev.veer.configwatch;

import static dev.veer.configwatch.ConfigWatchFixtures.WAIT;
import static dev.veer.configwatch.ConfigWatchFixtures.condition;
import static dev.veer.configwatch.ConfigWatchFixtures.etcd;
import static dev.veer.configwatch.ConfigWatchFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.ConfigFormat;
import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.api.SnapshotVerdict;
import dev.veer.configwatch.model.ConfigRenderer;
import dev.veer.configwatch.plan.ConfigConditions;
import dev.veer.rollout.plan.RolloutConditions;
import dev.veer.sandbox.SimulatedWorkloadController;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.MockApiServer.InjectWorkloads;
import dev.veer.testing.servers.EtcdServerExtension;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A ServiceRollout that takes its configuration from a ConfigWatch (spec.configFrom): the real operator on the mock
 * API server, a real etcd, and the simulated Deployment controller.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class ConfigRolloutTest {

    @RegisterExtension
    static final EtcdServerExtension etcd = new EtcdServerExtension();

    @Inject
    KubernetesClient client;

    @InjectWorkloads
    SimulatedWorkloadController workloads;

    ConfigWatchFixtures cluster;
    Client kv;

    @BeforeEach
    void setUp() {
        cluster = new ConfigWatchFixtures(client);
        kv = Client.builder().endpoints(etcd.endpoint()).build();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
        kv.close();
    }

    @Test
    void eachConfigChangeIsANewRolloutRevisionAndTheStableSlotKeepsItsVersionDuringTheCanary() throws Exception {
        put(kv, "/cfg-revisions/greeting", "hello");
        cluster.create("api-config", etcd(etcd.endpoint(), "/cfg-revisions/", null), "api-config", "");
        cluster.rolloutWithConfig("api", "[{setWeight: 50}, {pause: {}}]", 600,
                "[{configWatch: api-config, mountPath: /etc/api}]");

        cluster.awaitRolloutHealthyAt("api", 1);
        String first = cluster.get("api-config").getStatus().getVersionedName();
        assertThat(cluster.volumeConfigMap("api-blue")).isEqualTo(first);
        cluster.awaitSnapshotConfigRevisions("api", 1, "api-config@1");

        put(kv, "/cfg-revisions/greeting", "hi");

        var canary = cluster.awaitRolloutStatus("api", s -> {
            assertThat(s.getCanaryRevision()).isEqualTo(2);
            assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused);
        });
        assertThat(canary.getStableRevision()).isEqualTo(1);
        String second = cluster.get("api-config").getStatus().getVersionedName();
        assertThat(second).isNotEqualTo(first);
        assertThat(cluster.volumeConfigMap("api-blue")).as("stable slot").isEqualTo(first);
        assertThat(cluster.volumeConfigMap("api-green")).as("canary slot").isEqualTo(second);
        assertThat(cluster.configMap(first)).as("the stable slot's version is kept").isNotNull();
        cluster.awaitSnapshotConfigRevisions("api", 2, "api-config@2");

        cluster.act("api", "promote");
        cluster.awaitRolloutHealthyAt("api", 2);

        put(kv, "/cfg-revisions/greeting", "hey");
        cluster.awaitRolloutStatus("api", s -> {
            assertThat(s.getCanaryRevision()).isEqualTo(3);
            assertThat(s.getPhase()).as("at the pause, where a promote applies").isEqualTo(RolloutPhase.Paused);
        });
        cluster.act("api", "promote");
        cluster.awaitRolloutHealthyAt("api", 3);
        cluster.awaitSnapshotConfigRevisions("api", 3, "api-config@3");
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.snapshotVerdicts("api-config"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(1, SnapshotVerdict.Promoted, 2,
                        SnapshotVerdict.Promoted, 3, SnapshotVerdict.Promoted)));
    }

    @Test
    void aConfigThatFailsInTheRolloutIsRolledBackAndTheNextEtcdChangeRollsOutAgain() throws Exception {
        put(kv, "/cfg-rollback/mode", "good");
        cluster.create("pay-config", etcd(etcd.endpoint(), "/cfg-rollback/", null), "pay-config", "");
        cluster.rolloutWithConfig("pay", "[{setWeight: 50}]", 3,
                "[{configWatch: pay-config, mountPath: /etc/pay}]");
        cluster.awaitRolloutHealthyAt("pay", 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.snapshotVerdicts("pay-config"))
                .containsEntry(1, SnapshotVerdict.Promoted));
        String bad = "pay-config-" + ConfigRenderer.render(ConfigWatches.entries("mode", "bad"), ConfigFormat.keys,
                null).hash();
        workloads.neverReady(SimulatedWorkloadController.configMap(bad));

        put(kv, "/cfg-rollback/mode", "bad");

        var rolledBack = cluster.awaitStatus("pay-config", s -> condition(s, ConfigConditions.DEGRADED, true,
                ConfigConditions.CONFIG_ROLLED_BACK));
        assertThat(rolledBack.getRevision()).isEqualTo(1);
        assertThat(rolledBack.getVersionedName()).isNotEqualTo(bad);
        assertThat(dev.veer.common.Conditions.find(rolledBack.getConditions(), ConfigConditions.DEGRADED)
                .orElseThrow().getMessage()).contains("revision 2").contains("ServiceRollout pay");
        cluster.awaitData("pay-config", Map.of("mode", "good"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.snapshotVerdicts("pay-config"))
                .containsEntry(2, SnapshotVerdict.Failed));
        var healthy = cluster.awaitRolloutHealthyAt("pay", 1);
        assertThat(healthy.getStage()).isEqualTo(RolloutStage.Stable);
        assertThat(cluster.snapshotVerdicts("pay")).containsEntry(2, SnapshotVerdict.Failed);

        put(kv, "/cfg-rollback/mode", "fixed");

        var fixed = cluster.awaitStatus("pay-config", s -> {
            assertThat(s.getRevision()).isEqualTo(3);
            condition(s, ConfigConditions.DEGRADED, false, null);
        });
        cluster.awaitRolloutHealthyAt("pay", 3);
        assertThat(cluster.volumeConfigMap("pay-" + cluster.activeSlot("pay"))).isEqualTo(fixed.getVersionedName());
    }

    @Test
    void aRolloutWhoseConfigWatchHasNoVersionYetWaitsAndChangesNothing() throws Exception {
        cluster.rolloutWithConfig("late", "[]", 600, "[{configWatch: late-config, env: true}]");

        cluster.awaitRolloutStatus("late", s -> {
            var invalid = dev.veer.common.Conditions.find(s.getConditions(), RolloutConditions.INVALID_SPEC);
            assertThat(invalid).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("True");
                assertThat(c.getReason()).isEqualTo(RolloutConditions.CONFIG_NOT_READY);
                assertThat(c.getMessage()).contains("ConfigWatch late-config (spec.configFrom) does not exist");
            });
        });
        assertThat(cluster.client.apps().deployments().inNamespace(cluster.namespace).withName("late-blue").get())
                .isNull();

        put(kv, "/cfg-late/a", "1");
        cluster.create("late-config", etcd(etcd.endpoint(), "/cfg-late/", null), "late-config", "");

        cluster.awaitRolloutHealthyAt("late", 1);
    }
}
