package dev.veer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that change a rollout: what they write on the (mock) API server, and what they refuse. Each test has a
 * namespace of its own.
 */
class KubectlVeerCommandsTest {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    @TempDir
    static Path directory;
    static MockKube kube;
    static Plugin plugin;

    @BeforeAll
    static void start() {
        kube = MockKube.start(directory);
        plugin = new Plugin(kube.kubeconfig(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        kube.close();
    }

    private static String world() {
        String namespace = "t" + NAMESPACES.incrementAndGet();
        kube.load("checkout-canary.yaml", namespace);
        kube.load("payments-healthy.yaml", namespace);
        return namespace;
    }

    private static GenericKubernetesResource rollout(String namespace, String name) {
        return kube.get(VeerKind.SERVICE_ROLLOUT, namespace, name);
    }

    private static String action(String namespace, String name) {
        return MockKube.annotations(rollout(namespace, name)).get("veer.dev/action");
    }

    @Test
    void promoteSetsTheActionAnnotationOfARolloutThatIsRollingOut() {
        String ns = world();

        Plugin.Result result = plugin.run("promote", "checkout", "-n", ns);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("servicerollout/checkout: veer.dev/action=promote set\n");
        assertThat(action(ns, "checkout")).isEqualTo("promote");
    }

    @Test
    void promoteFullSetsPromoteFullAndAbortSetsAbort() {
        String ns = world();

        assertThat(plugin.run("promote", "--full", "checkout", "-n", ns).exitCode()).isZero();
        assertThat(action(ns, "checkout")).isEqualTo("promote-full");
    }

    @Test
    void aCommandThatDoesNotApplyInTheCurrentStageIsRefusedAndNothingIsWritten() {
        String ns = world();

        Plugin.Result promote = plugin.run("promote", "payments", "-n", ns);
        Plugin.Result abort = plugin.run("abort", "payments", "-n", ns);
        Plugin.Result retry = plugin.run("retry", "checkout", "-n", ns);

        assertThat(promote.exitCode()).isEqualTo(1);
        assertThat(promote.err()).isEqualTo("error: cannot promote rollout payments: it is Healthy (stage Stable); "
                + "promote applies only while a new version is rolled out (stage Canary or Preview)\n");
        assertThat(abort.exitCode()).isEqualTo(1);
        assertThat(abort.err()).contains("cannot abort rollout payments: it is Healthy (stage Stable)");
        assertThat(retry.exitCode()).isEqualTo(1);
        assertThat(retry.err()).contains("cannot retry rollout checkout: it is Paused (stage Canary); retry applies "
                + "only once a rollout was aborted (stage Aborted)");
        assertThat(action(ns, "payments")).isNull();
        assertThat(action(ns, "checkout")).isNull();
    }

    @Test
    void aSecondCommandIsRefusedWhileVeerHasNotTakenTheFirst() {
        String ns = world();
        plugin.run("promote", "checkout", "-n", ns);

        Plugin.Result abort = plugin.run("abort", "checkout", "-n", ns);

        assertThat(abort.exitCode()).isEqualTo(1);
        assertThat(abort.err()).contains("already has a pending command veer.dev/action=promote");
        assertThat(action(ns, "checkout")).isEqualTo("promote");
    }

    @Test
    void waitGivesUpWithExitCodeThreeWhenVeerDoesNotAnswer() {
        String ns = world();

        Plugin.Result result = plugin.run("abort", "checkout", "-n", ns, "--wait", "--timeout", "1");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("error: timed out after 1 s waiting for Veer to take veer.dev/action=abort\n");
    }

    @Test
    void pauseSetsSpecPausedAndResumeClearsIt() {
        String ns = world();

        assertThat(plugin.run("pause", "checkout", "-n", ns).out()).isEqualTo("servicerollout/checkout: spec.paused=true\n");
        assertThat(Fields.of(rollout(ns, "checkout")).flag("spec.paused")).isTrue();
        Plugin.Result again = plugin.run("pause", "checkout", "-n", ns);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("rollout checkout is already paused");

        assertThat(plugin.run("resume", "checkout", "-n", ns).exitCode()).isZero();
        assertThat(Fields.of(rollout(ns, "checkout")).value("spec.paused")).contains(false);
        Plugin.Result notPaused = plugin.run("resume", "checkout", "-n", ns);
        assertThat(notPaused.exitCode()).isEqualTo(1);
        assertThat(notPaused.err()).contains("rollout checkout is not paused");
    }

    @Test
    void rollbackDefaultsToTheRevisionThatWasStableBeforeTheCurrentOne() {
        String ns = world();

        Plugin.Result result = plugin.run("rollback", "checkout", "-n", ns);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("servicerollout/checkout: spec.rollbackTo.revision=1\n");
        assertThat(Fields.of(rollout(ns, "checkout")).number("spec.rollbackTo.revision")).contains(1L);
    }

    @Test
    void rollbackToARevisionThatWasNeverRecordedIsRefused() {
        String ns = world();

        Plugin.Result unknown = plugin.run("rollback", "checkout", "--to-revision", "9", "-n", ns);
        Plugin.Result none = plugin.run("rollback", "payments", "-n", ns);

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("rollout checkout has no revision 9 (recorded: [1, 2, 3])");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("rollout payments has no revision that was stable before revision 1");
        assertThat(Fields.of(rollout(ns, "checkout")).value("spec.rollbackTo")).isEmpty();
    }

    @Test
    void setImagePatchesTheImageOfTheNamedContainer() {
        String ns = world();

        Plugin.Result result = plugin.run("set", "image", "checkout", "checkout=ghcr.io/veer-dev/demo-app:2.0.0", "-n", ns);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Fields.of(rollout(ns, "checkout")).list("spec.template.spec.containers").get(0).text("image"))
                .contains("ghcr.io/veer-dev/demo-app:2.0.0");
    }

    @Test
    void setImageOfAContainerTheRolloutDoesNotHaveIsRefused() {
        String ns = world();

        Plugin.Result result = plugin.run("set", "image", "checkout", "sidecar=envoy:1", "-n", ns);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("rollout checkout has no container sidecar (containers: checkout)");
        assertThat(Fields.of(rollout(ns, "checkout")).list("spec.template.spec.containers").get(0).text("image"))
                .contains("ghcr.io/veer-dev/demo-app:1.1.0");
    }

    @Test
    void reconcileAnnotatesAConfigWatchOrAGitSyncWithTheTime() {
        String ns = world();

        Plugin.Result configWatch = plugin.run("reconcile", "cw", "checkout-config", "-n", ns);
        Plugin.Result gitSync = plugin.run("reconcile", "gitsync", "platform", "-n", ns);
        Plugin.Result rollout = plugin.run("reconcile", "sr", "checkout", "-n", ns);

        assertThat(configWatch.exitCode()).as(configWatch.err()).isZero();
        assertThat(MockKube.annotations(kube.get(VeerKind.CONFIG_WATCH, ns, "checkout-config")))
                .containsKey("veer.dev/reconcile-at");
        assertThat(gitSync.exitCode()).as(gitSync.err()).isZero();
        assertThat(MockKube.annotations(kube.get(VeerKind.GIT_SYNC, ns, "platform"))).containsKey("veer.dev/reconcile-at");
        assertThat(rollout.exitCode()).isEqualTo(1);
        assertThat(rollout.err()).contains("reconcile applies to cw (ConfigWatch) or gs (GitSync), not \"sr\"");
    }

    @Test
    void getWatchPrintsTheTreeAgainOnEveryChange() throws InterruptedException {
        String ns = world();
        StringWriter out = new StringWriter();
        Thread watching = new Thread(() -> plugin.runInto(out, "get", "checkout", "-n", ns, "--watch"));
        watching.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("Events"));

        GenericKubernetesResource current = rollout(ns, "checkout");
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) current.getAdditionalProperties().get("status");
        status.put("phase", "Degraded");
        kube.client().genericKubernetesResources(VeerKind.SERVICE_ROLLOUT.context()).inNamespace(ns)
                .resource(current).updateStatus();

        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("---\n"));
        watching.interrupt();
        watching.join(10_000);
        List<String> renders = List.of(out.toString().split("---\n"));
        assertThat(renders).hasSize(2);
        assertThat(renders.get(0)).contains("Phase:     Paused");
        assertThat(renders.get(1)).contains("Phase:     Degraded");
        assertThat(watching.isAlive()).isFalse();
    }
}
