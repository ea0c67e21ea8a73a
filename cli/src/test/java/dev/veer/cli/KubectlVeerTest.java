package dev.veer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's real command line against fabric8's mock API server holding Veer's objects: what it prints (golden
 * files, plain mode), what it writes, and how it refuses. No operator runs here: commands that wait for Veer are
 * tested with the real operator in the operator module (KubectlVeerOperatorTest).
 */
class KubectlVeerTest {

    static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    static Path directory;
    static MockKube kube;
    static Plugin plugin;

    @BeforeAll
    static void world() {
        kube = MockKube.start(directory);
        kube.load("checkout-canary.yaml", "default");
        kube.load("payments-healthy.yaml", "default");
        kube.load("payments-healthy.yaml", "shop");
        plugin = new Plugin(kube.kubeconfig(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        kube.close();
    }

    @Test
    void getShowsTheRolloutAsATreeWithStepWeightSlotsAnalysesConditionsAndEvents() {
        Plugin.Result result = plugin.run("get", "checkout");

        assertThat(result.exitCode()).as(result.err()).isZero();
        GoldenText.assertMatches("get-checkout-canary.txt", result.out());
    }

    @Test
    void getOfAHealthyBlueGreenRollout() {
        Plugin.Result result = plugin.run("get", "sr", "payments");

        assertThat(result.exitCode()).as(result.err()).isZero();
        GoldenText.assertMatches("get-payments-healthy.txt", result.out());
    }

    @Test
    void getOfAConfigWatchAndOfAGitSyncReadsThemGenerically() {
        Plugin.Result configWatch = plugin.run("get", "cw", "checkout-config");
        Plugin.Result gitSync = plugin.run("get", "gs", "platform");

        assertThat(configWatch.exitCode()).as(configWatch.err()).isZero();
        GoldenText.assertMatches("get-configwatch.txt", configWatch.out());
        assertThat(gitSync.exitCode()).as(gitSync.err()).isZero();
        GoldenText.assertMatches("get-gitsync.txt", gitSync.out());
    }

    @Test
    void listShowsTheRolloutsOfTheNamespaceAndWithDashAOfEveryNamespace() {
        Plugin.Result namespace = plugin.run("list");
        Plugin.Result all = plugin.run("list", "-A");

        assertThat(namespace.exitCode()).as(namespace.err()).isZero();
        GoldenText.assertMatches("list.txt", withoutAges(namespace.out()));
        GoldenText.assertMatches("list-all-namespaces.txt", withoutAges(all.out()));
    }

    @Test
    void namespaceComesFromDashNOrFromTheContext() {
        assertThat(plugin.run("list", "-n", "shop").out()).contains("payments").doesNotContain("checkout");
        assertThat(plugin.run("--context", "mock-shop", "list").out()).contains("payments").doesNotContain("checkout");
        assertThat(plugin.run("list", "-n", "nowhere").out()).isEqualTo("No ServiceRollout found in namespace nowhere.\n");
    }

    @Test
    void anUnknownNameFailsWithAClearMessageAndExitCodeOne() {
        for (String[] command : new String[][] { { "get", "nope" }, { "promote", "nope" }, { "history", "nope" },
                { "get", "cw", "nope" }, { "set", "image", "nope", "a=b" } }) {
            Plugin.Result result = plugin.run(command);
            assertThat(result.exitCode()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(result.err()).contains("\"nope\" not found in namespace \"default\"");
        }
    }

    @Test
    void historyListsTheSnapshotsWithImagesConfigSourceAndVerdict() {
        Plugin.Result result = plugin.run("history", "checkout");

        assertThat(result.exitCode()).as(result.err()).isZero();
        GoldenText.assertMatches("history-checkout.txt", result.out());
    }

    @Test
    void diffShowsThePodTemplatesOfTwoRevisionsLineByLine() {
        Plugin.Result result = plugin.run("diff", "checkout", "2", "3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        GoldenText.assertMatches("diff-checkout-2-3.txt", result.out());
        Plugin.Result missing = plugin.run("diff", "checkout", "2", "9");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("rollout checkout has no revision 9 (revisions: [1, 2, 3])");
    }

    /** The mock API server stamps creationTimestamp with the real time: the AGE column is not reproducible. */
    static String withoutAges(String table) {
        return table.replaceAll("(?m)   \\d+[smhd]$", "   <age>");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(plugin.run("promote").exitCode()).isEqualTo(2);
        assertThat(plugin.run("frobnicate").exitCode()).isEqualTo(2);
    }
}
