package dev.veer.configwatch;

import static dev.veer.configwatch.ConfigWatchFixtures.WAIT;
import static dev.veer.configwatch.ConfigWatchFixtures.condition;
import static dev.veer.configwatch.ConfigWatchFixtures.delete;
import static dev.veer.configwatch.ConfigWatchFixtures.etcd;
import static dev.veer.configwatch.ConfigWatchFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.common.Conditions;
import dev.veer.configwatch.etcd.SourceStatus;
import dev.veer.api.ConfigFormat;
import dev.veer.configwatch.model.ConfigNames;
import dev.veer.configwatch.model.ConfigRenderer;
import dev.veer.configwatch.plan.ConfigConditions;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.servers.EtcdServer;
import dev.veer.testing.servers.EtcdServerExtension;
import dev.veer.testing.servers.EtcdTls;
import dev.veer.testing.servers.TcpProxy;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The real operator on the mock API server, reading a real etcd. */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class ConfigWatchTest {

    @RegisterExtension
    static final EtcdServerExtension etcd = new EtcdServerExtension();

    /** etcd with authentication enabled (see {@link EtcdAuth}); fast logins. */
    @RegisterExtension
    static final EtcdServerExtension authEtcd = EtcdServerExtension.withOptions(
            () -> EtcdServer.Options.defaults().withArguments("--bcrypt-cost", "4"));

    /** etcd that serves TLS only and requires a client certificate signed by the test CA. */
    @RegisterExtension
    static final EtcdServerExtension tlsEtcd = EtcdServerExtension.withOptions(() -> EtcdServer.Options.defaults()
            .withMutualTls(EtcdTls.generate(Path.of("target", "etcd-tls"))));

    @Inject
    KubernetesClient client;

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
    void configMapSomeoneElseCreatedUnderTheTargetNameIsNotOverwritten() throws Exception {
        put(kv, "/legacy/db/host", "db1");
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("legacy-config")
                .withNamespace(cluster.namespace).withManagedFields(new ManagedFieldsEntryBuilder().withManager("helm")
                        .withOperation("Update").withApiVersion("v1").build())
                .endMetadata().withData(Map.of("theirs", "kept")).build()).create();

        cluster.create("legacy", etcd(etcd.endpoint(), "/legacy/", null), "legacy-config", "");

        var status = cluster.awaitStatus("legacy", s -> condition(s, ConfigConditions.READY, false,
                ConfigConditions.NAME_IN_USE));
        assertThat(Conditions.find(status.getConditions(), ConfigConditions.READY).get().getMessage())
                .contains("ConfigMap " + cluster.namespace + "/legacy-config", "helm");
        assertThat(cluster.configMap("legacy-config").getData()).isEqualTo(Map.of("theirs", "kept"));
    }

    @Test
    void keysBecomeAVersionedAndAStableConfigMapAndABurstRollsTheDeploymentOnce() throws Exception {
        put(kv, "/burst/db/host", "db1");
        put(kv, "/burst/db/max_idle", "4");
        cluster.deployment("web");
        cluster.create("web", etcd(etcd.endpoint(), "/burst/", null), "web-config",
                "debounceSeconds: 1\nconsumers: [{kind: Deployment, name: web}]");

        var first = cluster.awaitStatus("web", s -> condition(s, ConfigConditions.READY, true,
                ConfigConditions.SYNCED));
        assertThat(first.getRevision()).isEqualTo(1);
        assertThat(first.getKeyCount()).isEqualTo(2);
        cluster.awaitData("web-config", Map.of("db__host", "db1", "db__max_5Fidle", "4"));
        ConfigMap versioned = cluster.configMap("web-config-" + first.getContentHash());
        assertThat(versioned.getImmutable()).isTrue();
        assertThat(versioned.getMetadata().getLabels()).containsEntry(ConfigNames.REVISION, "1");
        assertThat(cluster.templateAnnotation("web", "web")).isEqualTo(first.getContentHash());
        List<String> rolledTo = cluster.recordTemplateAnnotation("web", "web");

        for (int i = 0; i < 5; i++) {
            put(kv, "/burst/feature/flag-" + i, "on");
        }

        var second = cluster.awaitStatus("web", s -> {
            assertThat(s.getRevision()).isEqualTo(2);
            condition(s, ConfigConditions.READY, true, ConfigConditions.SYNCED);
        });
        assertThat(second.getKeyCount()).isEqualTo(7);
        await().atMost(WAIT).untilAsserted(() -> assertThat(rolledTo).containsExactly(second.getContentHash()));

        delete(kv, "/burst/db/max_idle");

        var third = cluster.awaitStatus("web", s -> assertThat(s.getRevision()).isEqualTo(3));
        assertThat(third.getKeyCount()).isEqualTo(6);
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.configMap("web-config").getData())
                .doesNotContainKey("db__max_5Fidle").containsEntry("db__host", "db1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(rolledTo).containsExactly(second.getContentHash(),
                third.getContentHash()));
        assertThat(cluster.configMap("web-config-" + first.getContentHash())).as("history kept").isNotNull();
    }

    @Test
    void etcdDownKeepsTheLastConfigurationAndNoChangeIsLostAcrossRestarts() throws Exception {
        put(kv, "/restart/a", "1");
        cluster.create("down", etcd(etcd.endpoint(), "/restart/", null), "down-config", "");
        cluster.awaitData("down-config", Map.of("a", "1"));

        etcd.stop();

        var unreachable = cluster.awaitStatus("down", s -> condition(s, ConfigConditions.SOURCE_REACHABLE, false,
                SourceStatus.UNREACHABLE));
        condition(unreachable, ConfigConditions.READY, false, ConfigConditions.SOURCE_UNAVAILABLE);
        assertThat(cluster.configMap("down-config").getData()).containsEntry("a", "1");

        etcd.restart();
        put(kv, "/restart/b", "2");

        cluster.awaitData("down-config", Map.of("a", "1", "b", "2"));
        cluster.awaitStatus("down", s -> condition(s, ConfigConditions.SOURCE_REACHABLE, true,
                SourceStatus.WATCHING));

        put(kv, "/restart/c", "3");
        etcd.stop();
        etcd.restart();

        cluster.awaitData("down-config", Map.of("a", "1", "b", "2", "c", "3"));
        cluster.awaitStatus("down", s -> condition(s, ConfigConditions.READY, true, ConfigConditions.SYNCED));
    }

    @Test
    void aWatchThatFellBehindACompactionListsThePrefixAgain() throws Exception {
        try (TcpProxy proxy = TcpProxy.to(etcd.endpoint())) {
            put(kv, "/compact/a", "1");
            cluster.create("compact", etcd(proxy.endpoint("http"), "/compact/", null), "compact-config", "");
            cluster.awaitData("compact-config", Map.of("a", "1"));

            proxy.cut();
            cluster.awaitStatus("compact", s -> condition(s, ConfigConditions.SOURCE_REACHABLE, false,
                    SourceStatus.UNREACHABLE));
            put(kv, "/compact/b", "2");
            delete(kv, "/compact/a");
            long revision = put(kv, "/compact/c", "3");
            kv.getKVClient().compact(revision).get(10, TimeUnit.SECONDS);
            proxy.reconnect();

            cluster.awaitData("compact-config", Map.of("b", "2", "c", "3"));
            var status = cluster.awaitStatus("compact", s -> condition(s, ConfigConditions.READY, true,
                    ConfigConditions.SYNCED));
            assertThat(status.getEtcdRevision()).isGreaterThanOrEqualTo(revision);
        }
    }

    @Test
    void aRoleLimitedToThePrefixReadsItAndADeniedPrefixIsReportedNotRetried() throws Exception {
        EtcdAuth.enable(authEtcd.endpoint(), "/secure/shop/", "shop", "shop-pw");
        try (Client root = EtcdAuth.rootClient(authEtcd.endpoint())) {
            put(root, "/secure/shop/token", "t1");
            put(root, "/secure/other/token", "t2");
        }
        cluster.secret("shop-etcd", Map.of("username", "shop".getBytes(), "password", "shop-pw".getBytes()));
        cluster.secret("wrong-etcd", Map.of("username", "shop".getBytes(), "password", "wrong".getBytes()));

        cluster.create("granted", etcd(authEtcd.endpoint(), "/secure/shop/", "shop-etcd"), "granted", "");
        cluster.create("denied", etcd(authEtcd.endpoint(), "/secure/other/", "shop-etcd"), "denied", "");
        cluster.create("badpassword", etcd(authEtcd.endpoint(), "/secure/shop/", "wrong-etcd"), "badpassword", "");

        cluster.awaitData("granted", Map.of("token", "t1"));
        var denied = cluster.awaitStatus("denied", s -> condition(s, ConfigConditions.DEGRADED, true,
                SourceStatus.PERMISSION_DENIED));
        condition(denied, ConfigConditions.SOURCE_REACHABLE, false, SourceStatus.PERMISSION_DENIED);
        assertThat(cluster.configMap("denied")).isNull();
        var badPassword = cluster.awaitStatus("badpassword", s -> condition(s, ConfigConditions.DEGRADED, true,
                SourceStatus.AUTHENTICATION_FAILED));
        assertThat(badPassword.getConditions()).allSatisfy(c -> assertThat(c.getMessage()).doesNotContain("wrong"));

        long rpcs = EtcdAuth.rpcsStarted(authEtcd.endpoint());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(EtcdAuth.rpcsStarted(authEtcd.endpoint()))
                        .as("gRPC calls etcd received: the refused watches are closed, not retried").isEqualTo(rpcs));
    }

    @Test
    void mutualTlsWithTheCaAndClientCertificateOfTheSecret() throws Exception {
        EtcdTls tls = new EtcdTls(Path.of("target", "etcd-tls").toAbsolutePath());
        try (Client writer = Client.builder().endpoints(tlsEtcd.endpoint())
                .sslContext(ssl -> ssl.trustManager(tls.caCertificate().toFile())
                        .keyManager(tls.clientCertificate().toFile(), tls.clientKey().toFile()))
                .build()) {
            put(writer, "/tls/greeting", "hello over TLS");
        }
        cluster.secret("etcd-tls", Map.of("ca.crt", Files.readAllBytes(tls.caCertificate()),
                "tls.crt", Files.readAllBytes(tls.clientCertificate()),
                "tls.key", Files.readAllBytes(tls.clientKey())));

        cluster.create("tls", etcd(tlsEtcd.endpoint(), "/tls/", "etcd-tls"), "tls-config", "");

        cluster.awaitData("tls-config", Map.of("greeting", "hello over TLS"));
        cluster.awaitStatus("tls", s -> condition(s, ConfigConditions.SOURCE_REACHABLE, true, SourceStatus.WATCHING));
    }

    @Test
    void historyKeepsTheLimitAndNeverDeletesAVersionAConsumerStillMounts() throws Exception {
        put(kv, "/history/v", "1");
        String first = "hist-config-" + ConfigRenderer.render(ConfigWatches.entries("v", "1"), ConfigFormat.keys,
                null).hash();
        cluster.deployment("pinned", first);
        cluster.create("hist", etcd(etcd.endpoint(), "/history/", null), "hist-config",
                "historyLimit: 2\nconsumers: [{kind: Deployment, name: pinned}]");
        cluster.awaitStatus("hist", s -> assertThat(s.getVersionedName()).isEqualTo(first));

        for (int value = 2; value <= 4; value++) {
            put(kv, "/history/v", String.valueOf(value));
            int revision = value;
            cluster.awaitStatus("hist", s -> assertThat(s.getRevision()).isEqualTo(revision));
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.versionedRevisions("hist"))
                .as("revision 2 beyond the limit; revision 1 mounted by the consumer").containsExactly(1, 3, 4));
    }

    @Test
    void aListedServiceRolloutConsumerIsNeverWrittenToAndIsReportedWhileItsConfigFromDoesNotNameTheWatch() {
        cluster.rollout("api");
        cluster.awaitRollout("api", s -> assertThat(s.getStableRevision()).isEqualTo(1));
        long generation = client.resources(dev.veer.api.ServiceRollout.class).inNamespace(cluster.namespace)
                .withName("api").get().getMetadata().getGeneration();
        cluster.create("api", etcd(etcd.endpoint(), "/rollout/", null), "api-config",
                "consumers: [{kind: ServiceRollout, name: api}]");

        var status = cluster.awaitStatus("api", s -> condition(s, ConfigConditions.DEGRADED, true,
                ConfigConditions.CONFIG_FROM_MISSING));

        assertThat(Conditions.find(status.getConditions(), ConfigConditions.DEGRADED).orElseThrow().getMessage())
                .contains("spec.configFrom");
        assertThat(cluster.rolloutTemplateAnnotation("api", "api")).isNull();
        assertThat(client.resources(dev.veer.api.ServiceRollout.class).inNamespace(cluster.namespace)
                .withName("api").get().getMetadata().getGeneration()).as("spec unchanged").isEqualTo(generation);
    }

    @Test
    void aSuspendedConfigWatchHoldsItsConfigurationUntilResumed() throws Exception {
        put(kv, "/suspend/a", "1");
        cluster.create("held", etcd(etcd.endpoint(), "/suspend/", null), "held-config", "");
        cluster.awaitData("held-config", Map.of("a", "1"));

        cluster.update("held", w -> w.getSpec().setSuspend(true));
        cluster.awaitStatus("held", s -> condition(s, ConfigConditions.READY, false, ConfigConditions.SUSPENDED));
        put(kv, "/suspend/a", "2");
        put(kv, "/suspend/marker", "x");
        cluster.awaitStatus("held", s -> assertThat(s.getObservedGeneration()).isEqualTo(2));
        assertThat(cluster.configMap("held-config").getData()).isEqualTo(Map.of("a", "1"));

        cluster.update("held", w -> w.getSpec().setSuspend(false));

        cluster.awaitData("held-config", Map.of("a", "2", "marker", "x"));
    }

    @Test
    void theSampleOnAClusterWithoutItsEtcdReportsTheSourceUnreachableAndWaits() throws Exception {
        Path sample = Path.of(System.getProperty("veer.samples.dir", "../samples"), "configwatch-etcd.yaml");
        try (var in = Files.newInputStream(sample)) {
            for (HasMetadata resource : client.load(in).items()) {
                resource.getMetadata().setNamespace(cluster.namespace);
                client.resource(resource).create();
            }
        }

        var status = cluster.awaitStatus("inventory-config", s -> condition(s, ConfigConditions.SOURCE_REACHABLE,
                false, SourceStatus.UNREACHABLE));

        condition(status, ConfigConditions.READY, false, ConfigConditions.SOURCE_UNAVAILABLE);
        assertThat(status.getRevision()).isNull();
        assertThat(cluster.configMap("inventory-config")).isNull();
    }
}
