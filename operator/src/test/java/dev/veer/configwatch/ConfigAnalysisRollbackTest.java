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

import dev.veer.api.RolloutStage;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.Conditions;
import dev.veer.configwatch.plan.ConfigConditions;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.servers.EtcdServerExtension;
import dev.veer.testing.servers.PrometheusServerExtension;
import dev.veer.testing.servers.ServiceTraffic;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A configuration change whose canary fails its analysis on a real Prometheus is rolled back by the ConfigWatch: the
 * real operator on the mock API server, a real etcd, and the series of the canary slot pushed by remote write.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class ConfigAnalysisRollbackTest {

    @RegisterExtension
    static final EtcdServerExtension etcd = new EtcdServerExtension();

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();

    @Inject
    KubernetesClient client;

    ConfigWatchFixtures cluster;
    Client kv;
    ServiceTraffic canary;

    @BeforeEach
    void setUp() {
        cluster = new ConfigWatchFixtures(client);
        kv = Client.builder().endpoints(etcd.endpoint()).build();
    }

    @AfterEach
    void tearDown() {
        if (canary != null) {
            canary.close();
        }
        cluster.close();
        kv.close();
    }

    @Test
    void aConfigWhoseCanaryFailsItsAnalysisIsRolledBackToTheLastGoodVersion() throws Exception {
        put(kv, "/cfg-analysis/pool-size", "20");
        cluster.create("orders-config", etcd(etcd.endpoint(), "/cfg-analysis/", null), "orders-config", "");
        canary = ServiceTraffic.start(prometheus.client(), cluster.namespace, "orders-green").awaitRate();
        cluster.rolloutWithConfig("orders", "[{setWeight: 25}, {analysis: {builtin: [error-rate], args: "
                + "[{name: address, value: \"" + prometheus.baseUri() + "\"}, {name: window, value: 10s}, "
                + "{name: interval, value: 1s}, {name: count, value: \"30\"}]}}, {setWeight: 75}]", 600,
                "[{configWatch: orders-config, env: true}]");
        cluster.awaitRolloutHealthyAt("orders", 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.snapshotVerdicts("orders-config"))
                .containsEntry(1, SnapshotVerdict.Promoted));

        put(kv, "/cfg-analysis/pool-size", "0");
        cluster.awaitRolloutStatus("orders", s -> {
            assertThat(s.getCanaryRevision()).isEqualTo(2);
            assertThat(s.getAnalysisRuns()).isNotEmpty();
        });
        canary.errorRatio(0.2);

        var rolledBack = cluster.awaitStatus("orders-config", s -> condition(s, ConfigConditions.DEGRADED, true,
                ConfigConditions.CONFIG_ROLLED_BACK));
        assertThat(rolledBack.getRevision()).isEqualTo(1);
        assertThat(Conditions.find(rolledBack.getConditions(), ConfigConditions.DEGRADED).orElseThrow()
                .getMessage()).contains("revision 2").contains("ServiceRollout orders").contains("AnalysisFailed");
        cluster.awaitData("orders-config", Map.of("pool-size", "20"));
        assertThat(cluster.snapshotVerdicts("orders-config")).containsEntry(2, SnapshotVerdict.Failed);
        var healthy = cluster.awaitRolloutHealthyAt("orders", 1);
        assertThat(healthy.getStage()).isEqualTo(RolloutStage.Stable);
        assertThat(cluster.snapshotVerdicts("orders")).containsEntry(2, SnapshotVerdict.Failed);
    }
}
