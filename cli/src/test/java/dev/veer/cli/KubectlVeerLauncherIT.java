package dev.veer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as kubectl runs it: {@code target/kubectl-veer} as a process, configured by {@code KUBECONFIG} in its
 * environment, against the mock API server. Prints the wall time of {@code kubectl veer list} (measured, not
 * asserted).
 */
class KubectlVeerLauncherIT {

    @TempDir
    static Path directory;
    static MockKube kube;

    @BeforeAll
    static void world() {
        kube = MockKube.start(directory);
        kube.load("checkout-canary.yaml", "default");
        kube.load("payments-healthy.yaml", "default");
        kube.load("payments-healthy.yaml", "shop");
    }

    @AfterAll
    static void stop() {
        kube.close();
    }

    record Run(int exitCode, String out, String err, long millis) {
    }

    static Run launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Path launcher = Path.of(System.getProperty("veer.launcher", "target/kubectl-veer"));
        assertThat(launcher).as("the launcher is built by 'mvn -pl cli package'").isExecutable();
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(directory, "out", ".txt");
        Path err = Files.createTempFile(directory, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("KUBECONFIG");
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl-veer ended").isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err), millis);
    }

    private static Map<String, String> kubeconfig() {
        return Map.of("KUBECONFIG", kube.kubeconfig().toString());
    }

    @Test
    void theLauncherReadsKubeconfigFromTheEnvironmentAndPrintsPlainTextToAPipe() throws Exception {
        Run run = launch(kubeconfig(), "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(KubectlVeerTest.withoutAges(run.out()))
                .isEqualTo(Files.readString(Path.of("src/test/resources/golden/list.txt")));
        assertThat(run.out()).doesNotContain("\u001b[");
    }

    @Test
    void contextAndNamespaceFlagsChooseTheNamespace() throws Exception {
        assertThat(launch(kubeconfig(), "--context", "mock-shop", "list").out()).contains("payments")
                .doesNotContain("checkout");
        assertThat(launch(kubeconfig(), "list", "-A").out()).contains("shop ").contains("default ");
    }

    @Test
    void anUnknownRolloutEndsWithExitCodeOneAndAMessageOnStandardError() throws Exception {
        Run run = launch(kubeconfig(), "get", "nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: ServiceRollout \"nope\" not found in namespace \"default\"\n");
    }

    @Test
    void listWallTime() throws Exception {
        long withArchive = medianListMillis(kubeconfig());
        Map<String, String> noArchive = new java.util.HashMap<>(kubeconfig());
        noArchive.put("VEER_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        long without = medianListMillis(noArchive);
        System.out.printf("kubectl veer list (launcher as a process, mock API server, 2 rollouts): median %d ms with the "
                + "class-data archive, %d ms without (ratio %.2f)%n", withArchive, without, (double) withArchive / without);
    }

    private static long medianListMillis(Map<String, String> environment) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Run run = launch(environment, "list");
            assertThat(run.exitCode()).as(run.err()).isZero();
            millis.add(run.millis());
        }
        System.out.printf("  kubectl veer list runs: %s ms%n", millis);
        return millis.stream().sorted().toList().get(2);
    }
}
