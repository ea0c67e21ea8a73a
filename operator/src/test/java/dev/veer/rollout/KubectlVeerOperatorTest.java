package dev.veer.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.common.Labels;
import dev.veer.testing.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The kubectl plugin ({@code cli/target/kubectl-veer}, run as a process, as kubectl runs it) against the real operator
 * on the mock API server: a command is written as the annotation or field a user would patch, Veer takes it, and
 * {@code --wait} reports what Veer did. The plugin is built by the cli module, which the reactor builds first
 * ({@code ./mvnw -pl cli package} when running this test alone).
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class KubectlVeerOperatorTest {

    @Inject
    KubernetesClient client;

    RolloutFixtures cluster;
    Path kubeconfig;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void namespace() throws IOException {
        cluster = new RolloutFixtures(client);
        kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "%s"}
                contexts:
                - name: mock
                  context: {cluster: mock, namespace: %s, user: mock}
                current-context: mock
                users:
                - name: mock
                  user: {token: mock}
                """.formatted(client.getMasterUrl().toString(), cluster.namespace));
    }

    private Run veer(String... args) throws IOException, InterruptedException {
        Path launcher = Path.of(System.getProperty("veer.cli.launcher", "../cli/target/kubectl-veer"));
        assertThat(launcher).as("the kubectl plugin, built by ./mvnw -pl cli package").isExecutable();
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("veer-out", ".txt");
        Path err = Files.createTempFile("veer-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("kubectl veer %s ended", List.of(args)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private void pausedAtStepOne(String name) {
        cluster.create(RolloutFixtures.canary(name, name + ":1", 2, "[{setWeight: 50}, {pause: {}}]"));
        cluster.awaitHealthyAt(name, 1);
        cluster.setImage(name, name + ":2");
        cluster.awaitStatus(name, s -> {
            assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused);
            assertThat(s.getCurrentStepIndex()).isEqualTo(1);
        });
    }

    @Test
    void promoteWaitReportsThatVeerTookItAndWhereTheRolloutStandsThen() throws Exception {
        pausedAtStepOne("shop");
        Run get = veer("get", "shop");
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).contains("Phase:     Paused (PausedAtStep)").contains("Step:      2 of 2: pause until promoted")
                .contains("Weight:    set 50%, read back 50%");

        Run promote = veer("promote", "shop", "--wait");

        assertThat(promote.exitCode()).as(promote.err()).isZero();
        assertThat(promote.out()).contains("servicerollout/shop: veer.dev/action=promote set")
                .contains("taken (ActionTaken): veer.dev/action 'promote' taken").contains("now: ");
        cluster.awaitHealthyAt("shop", 2);
        assertThat(cluster.get("shop").getMetadata().getAnnotations()).doesNotContainKey(Labels.ACTION);
    }

    @Test
    void abortWaitReportsTheAbortAndTrafficGoesBackToStable() throws Exception {
        pausedAtStepOne("pay");

        Run abort = veer("abort", "pay", "--wait");

        assertThat(abort.exitCode()).as(abort.err()).isZero();
        assertThat(abort.out()).contains("taken (ActionTaken): veer.dev/action 'abort' taken");
        var aborted = cluster.awaitStatus("pay", s -> assertThat(s.getStage()).isEqualTo(RolloutStage.Aborted));
        assertThat(aborted.getAbortReason()).isEqualTo("AbortedByUser");
        Run retryHealthy = veer("promote", "pay");
        assertThat(retryHealthy.exitCode()).isEqualTo(1);
        assertThat(retryHealthy.err()).contains("cannot promote rollout pay: it is Degraded (stage Aborted)");
    }

    @Test
    void rollbackWaitRollsThePreviousStableRevisionOutAndSaysItIsStable() throws Exception {
        cluster.create(RolloutFixtures.canary("cart", "cart:1", 2, "[{setWeight: 50}]"));
        cluster.awaitHealthyAt("cart", 1);
        cluster.setImage("cart", "cart:2");
        cluster.awaitHealthyAt("cart", 2);

        Run rollback = veer("rollback", "cart", "--wait");

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("spec.rollbackTo.revision=1").contains("now: Healthy")
                .contains("stable revision 1");
        assertThat(cluster.imageOf("cart-blue")).isEqualTo("cart:1");
        Run history = veer("history", "cart");
        assertThat(history.out()).contains("app=cart:1").contains("app=cart:2");
    }
}
