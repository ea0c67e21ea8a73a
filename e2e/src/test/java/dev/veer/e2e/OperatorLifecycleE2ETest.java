package dev.veer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.api.ServiceRollout;
import dev.veer.e2e.cluster.E2eOperator;
import dev.veer.e2e.cluster.Leases;
import dev.veer.e2e.cluster.OperatorProcess;
import dev.veer.e2e.cluster.RolloutYaml;
import dev.veer.e2e.cluster.Rollouts;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/**
 * The production runtime: leader election on a Lease, SIGKILL and SIGTERM, a standby taking over, CRD validation at
 * start. Each test runs its own operators on a Lease of its own and stops them when it ends, so that two leaders of
 * different Leases never reconcile the same rollouts.
 */
class OperatorLifecycleE2ETest {

    @RegisterExtension
    static final E2eOperator veer = E2eOperator.withoutOperator();

    private final List<OperatorProcess> started = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopOperators() {
        started.forEach(OperatorProcess::close);
    }

    private OperatorProcess start(String lease, String identity) {
        OperatorProcess operator = veer.startOperator(lease, identity);
        started.add(operator);
        return operator;
    }

    private static String lease(String test) {
        return "veer-e2e-" + test + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private String operatorNamespace() {
        return veer.cluster().identity().namespace();
    }

    @Test
    void operatorKilledMidCanaryResumesAtTheSameStepWithoutMovingTheWeight() {
        Rollouts rollouts = veer.rollouts();
        String lease = lease("restart");
        OperatorProcess first = start(lease, "veer-restart");
        veer.awaitLeader(lease, first);
        rollouts.create(RolloutYaml.canary("web", 4,
                "[{setWeight: 25}, {pause: {}}, {setWeight: 50}, {pause: {}}]", "1", 2));
        rollouts.awaitHealthyAt("web", 1);
        rollouts.setVersion("web", "2", true);
        rollouts.awaitStatus("web", s -> {
            assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused);
            assertThat(s.getCurrentStepIndex()).isEqualTo(1);
            assertThat(s.getCanaryWeight()).isEqualTo(25);
        });
        int snapshots = rollouts.snapshotsOf("web").size();
        Set<Integer> weightsSeen = ConcurrentHashMap.newKeySet();
        try (Watch watch = veer.client().resources(ServiceRollout.class).inNamespace(rollouts.namespace())
                .withName("web").watch(recordWeights(weightsSeen))) {

            first.kill();
            await("SIGKILLed operator gone").atMost(Duration.ofSeconds(10)).until(() -> !first.isAlive());
            // Restarted as a pod restarts: same name, so it takes its own Lease back at once.
            OperatorProcess second = start(lease, "veer-restart");
            veer.awaitLeader(lease, second);

            await("the restarted operator holds the step").during(Duration.ofSeconds(8))
                    .atMost(Duration.ofSeconds(15)).until(() -> {
                        var s = rollouts.get("web").getStatus();
                        return s.getStage() == RolloutStage.Canary && Integer.valueOf(1).equals(s.getCurrentStepIndex())
                                && Integer.valueOf(25).equals(s.getCanaryWeight())
                                && Integer.valueOf(2).equals(s.getCanaryRevision())
                                && rollouts.replicasOf("web-green") == 1;
                    });
            assertThat(weightsSeen).as("weights written while the operator restarted").containsOnly(25);
        }
        assertThat(rollouts.snapshotsOf("web")).as("no revision numbered twice").hasSize(snapshots);

        rollouts.act("web", "promote");
        rollouts.awaitStatus("web", s -> {
            assertThat(s.getCurrentStepIndex()).isEqualTo(3);
            assertThat(s.getCanaryWeight()).isEqualTo(50);
        });
        rollouts.act("web", "promote");
        rollouts.awaitHealthyAt("web", 2);
    }

    @Test
    void sigtermStopsTheOperatorWithinSecondsAndReleasesItsLease() {
        String lease = lease("sigterm");
        OperatorProcess operator = start(lease, "veer-sigterm");
        veer.awaitLeader(lease, operator);

        operator.terminate();

        await("exit after SIGTERM").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> !operator.isAlive());
        assertThat(Leases.holder(veer.client(), operatorNamespace(), lease))
                .as("Lease %s released on the way out", lease).isEmpty();
    }

    @Test
    void standbyTakesOverWithinTheLeaseDurationWhenTheLeaderIsKilledAndFinishesTheRollout() {
        Rollouts rollouts = veer.rollouts();
        String lease = lease("failover");
        OperatorProcess leader = start(lease, "veer-a");
        veer.awaitLeader(lease, leader);
        OperatorProcess standby = start(lease, "veer-b");
        rollouts.create(RolloutYaml.canary("fo", 2, "[{setWeight: 50}, {pause: {duration: 3s}}]", "1", 2));
        rollouts.awaitHealthyAt("fo", 1);
        assertThat(Leases.holder(veer.client(), operatorNamespace(), lease)).contains("veer-a");
        int leaseSeconds = Leases.get(veer.client(), operatorNamespace(), lease).orElseThrow().getSpec()
                .getLeaseDurationSeconds();

        leader.kill();
        rollouts.setVersion("fo", "2", true);

        // The standby acquires the Lease once it expires: at most the lease duration after the leader's last
        // renewal, plus one retry period of the standby (2 s by default).
        await("standby leads").atMost(Duration.ofSeconds(leaseSeconds + 5)).pollInterval(Duration.ofMillis(200))
                .until(() -> Leases.holder(veer.client(), operatorNamespace(), lease).orElse(""), "veer-b"::equals);
        assertThat(standby.isAlive()).isTrue();
        rollouts.awaitHealthyAt("fo", 2);
    }

    @Test
    void productionBuildValidatesTheInstalledCrdsAtStartAndStarts() throws IOException {
        Path appJar;
        Path jar = Path.of(System.getProperty("veer.e2e.operator.jar",
                veer.cluster().repoRoot().resolve("operator/target/quarkus-app/quarkus-run.jar").toString()));
        try (Stream<Path> jars = Files.list(jar.getParent().resolve("app"))) {
            appJar = jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        Properties properties = new Properties();
        try (JarFile app = new JarFile(appJar.toFile())) {
            properties.load(app.getInputStream(app.getEntry("application.properties")));
        }
        assertThat(properties.getProperty("quarkus.operator-sdk.crd.validate")).isEqualTo("true");
        assertThat(properties.getProperty("%prod.quarkus.operator-sdk.crd.validate")).isNull();

        String lease = lease("validate");
        OperatorProcess operator = start(lease, "veer-validate");
        veer.awaitLeader(lease, operator);

        assertThat(Files.readString(operator.logFile())).as("operator log %s", operator.logFile())
                .doesNotContain("MissingCRDException").doesNotContain("Forbidden");
    }

    private static Watcher<ServiceRollout> recordWeights(Set<Integer> weights) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, ServiceRollout rollout) {
                if (rollout.getStatus() != null && rollout.getStatus().getCanaryWeight() != null) {
                    weights.add(rollout.getStatus().getCanaryWeight());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }
}
