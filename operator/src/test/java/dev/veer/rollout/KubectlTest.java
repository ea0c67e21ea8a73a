package dev.veer.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.veer.api.ServiceRollout;
import dev.veer.common.Labels;
import dev.veer.sandbox.MockCluster;
import dev.veer.sandbox.SimulatedWorkloadController;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The real kubectl against the sandbox's API server (the mock server with discovery, OpenAPI, tables and admission)
 * with the samples applied and the ServiceRollout controller running: every kubectl command of the README works, and
 * bad input is refused with the CRD's message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlTest {

    private static final Path README = Path.of(System.getProperty("veer.samples.dir", "../samples")).getParent()
            .resolve("README.md");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private MockCluster cluster;
    private SimulatedWorkloadController workloads;
    private StandaloneOperator operator;
    private Path kubeconfig;

    @BeforeAll
    void start() throws IOException {
        if (!Files.isExecutable(kubectl())) {
            fail("kubectl is not installed (looked for " + kubectl() + "): this test runs the real kubectl binary");
        }
        cluster = MockCluster.start(0, true).installCrds(Path.of(System.getProperty("veer.crds.dir", "../crds")));
        workloads = SimulatedWorkloadController.start(cluster.client());
        operator = StandaloneOperator.start(cluster.client());
        kubeconfig = Files.createTempFile("veer-kubeconfig", ".yaml");
        Files.writeString(kubeconfig, cluster.kubeconfig());
        try (Stream<Path> files = Files.list(README.getParent().resolve("samples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (HasMetadata resource : cluster.client().load(in).items()) {
                        resource.getMetadata().setNamespace("default");
                        cluster.client().resource(resource).create();
                    }
                }
            }
        }
    }

    @AfterAll
    void stop() throws IOException {
        operator.close();
        workloads.close();
        cluster.close();
        Files.deleteIfExists(kubeconfig);
    }

    @Test
    void everyKubectlCommandOfTheReadmeWorks() throws Exception {
        List<String> commands = readmeCommands();
        assertThat(commands).anyMatch(c -> c.startsWith("kubectl patch sr checkout --type json"))
                .anyMatch(c -> c.startsWith("kubectl wait")).anyMatch(c -> c.startsWith("kubectl annotate"));
        // the waits first, while checkout rolls out its first version; the other commands in the README's order
        List<String> ordered = new ArrayList<>(commands.stream().filter(c -> c.startsWith("kubectl wait")).toList());
        commands.stream().filter(c -> !c.startsWith("kubectl wait")).forEach(ordered::add);
        for (String command : ordered) {
            String line = command.replace(" NAME ", " checkout ");
            if (line.startsWith("kubectl wait")) {
                line += " --timeout=60s";
            }
            Result result = run(line);
            assertThat(result.exit()).as("%s\n%s", line, result.output()).isZero();
            await().atMost(WAIT).until(() -> actionAnnotation() == null);
        }
    }

    @Test
    void getDescribeExplainAndVersionWork() throws Exception {
        assertOk("kubectl version");
        assertOk("kubectl get pods");
        Result get = assertOk("kubectl get sr,snap,hc,cw");
        assertThat(get.output()).containsPattern("NAME +PHASE +STEP +WEIGHT +STABLE +CANARY +AGE")
                .containsPattern("NAME +OWNER +REVISION +IMAGE +VERDICT +AGE")
                .containsPattern("NAME +PREFIX +KEYS +REVISION +READY +AGE")
                .contains("servicerollout.veer.dev/checkout",
                "healthcheck.veer.dev/checkout-error-rate", "configwatch.veer.dev/");
        assertThat(assertOk("kubectl describe sr checkout").output()).contains("Name:", "checkout", "Spec:");
        Result explain = assertOk("kubectl explain servicerollout.spec.strategy");
        assertThat(explain.output()).contains("canary", "blueGreen", "exactly one of");
    }

    @Test
    void badInputIsRefusedWithTheCrdsMessage() throws Exception {
        String rollout = Files.readString(README.getParent().resolve("samples/servicerollout-canary.yaml"))
                .replace("name: checkout", "name: refused");

        Result weight = run("kubectl apply -f - <<'EOF'\n" + rollout.replace("setWeight: 25", "setWeight: 150")
                + "\nEOF");
        assertThat(weight.exit()).isNotZero();
        assertThat(weight.output()).contains("is invalid", "spec.strategy.canary.steps[0].setWeight", "100");

        Result unknown = run("kubectl apply -f - <<'EOF'\n" + rollout.replace("steps:", "stepz:") + "\nEOF");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.output()).contains("unknown field \"spec.strategy.canary.stepz\"");

        Result both = run("kubectl apply -f - <<'EOF'\n" + rollout.replace("    canary:",
                "    blueGreen: {activeService: refused}\n    canary:") + "\nEOF");
        assertThat(both.exit()).isNotZero();
        assertThat(both.output()).contains("strategy must set exactly one of canary or blueGreen");

        assertThat(cluster.client().resources(ServiceRollout.class).inNamespace("default").withName("refused").get())
                .isNull();
    }

    @Test
    void mergePatchReplacesAList() throws Exception {
        run("kubectl apply -f - <<'EOF'\n" + Files.readString(README.getParent().resolve(
                "samples/servicerollout-canary.yaml")).replace("name: checkout", "name: merged") + "\nEOF");

        assertOk("kubectl patch sr merged --type merge -p "
                + "'{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"checkout\",\"image\":\"app:2\"}]}}}}'");

        var containers = cluster.client().resources(ServiceRollout.class).inNamespace("default").withName("merged")
                .get().getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).singleElement().satisfies(c -> assertThat(c.getImage()).isEqualTo("app:2"));
    }

    private String actionAnnotation() {
        var annotations = cluster.client().resources(ServiceRollout.class).inNamespace("default")
                .withName("checkout").get().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(Labels.ACTION);
    }

    /** The kubectl commands of the README's code blocks and inline code, outside the section on a real cluster. */
    private static List<String> readmeCommands() throws IOException {
        String text = Files.readString(README);
        int realCluster = text.indexOf("## Running Veer against a real cluster");
        int next = text.indexOf("\n## ", realCluster + 1);
        text = text.substring(0, realCluster) + text.substring(next);
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
            } else if (inBlock && line.startsWith("kubectl ")) {
                commands.add(line.replaceFirst("\\s+#.*$", "").strip());
            } else if (!inBlock) {
                Matcher inline = Pattern.compile("`(kubectl [^`]+)`").matcher(line);
                while (inline.find()) {
                    String command = inline.group(1);
                    if (!command.endsWith("column") && !commands.contains(command)) {
                        commands.add(command);
                    }
                }
            }
        }
        // a command needs more than a verb ("with `kubectl apply` or from Git" is prose)
        return commands.stream().filter(c -> c.split(" ").length > 2).toList();
    }

    private Result assertOk(String command) throws Exception {
        Result result = run(command);
        assertThat(result.exit()).as("%s\n%s", command, result.output()).isZero();
        return result;
    }

    private Result run(String command) throws Exception {
        Path output = Files.createTempFile("kubectl", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", command.replaceFirst("^kubectl",
                    kubectl().toString())).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("KUBECONFIG", kubeconfig.toString());
            // kubectl finds the README's `kubectl veer` plugin on PATH: the launcher the cli module built.
            Path plugin = Path.of(System.getProperty("veer.cli.launcher", "../cli/target/kubectl-veer"));
            assertThat(plugin).as("the kubectl-veer launcher (./mvnw -pl cli package)").exists();
            builder.environment().put("PATH", plugin.toAbsolutePath().getParent() + ":" + System.getenv("PATH"));
            Process process = builder.start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("kubectl did not finish: " + command + "\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path kubectl() {
        return Path.of(System.getProperty("veer.kubectl", "/usr/bin/kubectl"));
    }

    private record Result(int exit, String output) {
    }
}
