package dev.veer.rollout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import dev.veer.api.RolloutPhase;
import dev.veer.api.ServiceRollout;
import dev.veer.sandbox.MockCluster;
import dev.veer.sandbox.SimulatedWorkloadController;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Benchmark (not a test: it asserts nothing and is run only with {@code ./mvnw -pl operator test -Pbenchmark}).
 *
 * <p>Creates N ServiceRollouts (default 1,000; {@code -Dveer.benchmark.rollouts}) on the mock API server with the
 * simulated workload controller, and measures the time until all are Healthy. Next to it, in the same run: the time
 * the bare fabric8 client takes for the same number of object writes with the same concurrency (the write floor),
 * and the heap the rollouts cost the operator, which runs in a JVM of its own for that
 * ({@link StandaloneOperatorMain}).
 */
class RolloutScaleBenchmark {

    private static final int THREADS = 10;

    @Test
    void rolloutsToHealthyAgainstTheWriteFloor() throws Exception {
        int count = Integer.getInteger("veer.benchmark.rollouts", 1000);
        try (MockCluster cluster = MockCluster.start()
                .installCrds(Path.of(System.getProperty("veer.crds.dir", "../crds")));
                SimulatedWorkloadController workloads = SimulatedWorkloadController.start(cluster.client())) {
            KubernetesClient client = cluster.client();
            Run run = runOperator(cluster, count);
            Duration floor = writeFloor(client, run.writes());
            Duration operatorTime = run.healthyAfter();
            long operatorHeap = run.heapLoaded() - run.heapBaseline();
            double perRolloutMiB = operatorHeap / 1024.0 / 1024.0 / count;
            Map<String, Integer> requests = run.requests();
            int writes = run.writes();
            Duration creating = run.creating();

            System.out.printf("%n== ServiceRollout scale benchmark (%d rollouts, %d reconcile threads) ==%n", count,
                    THREADS);
            System.out.printf("requests during the run:   %s%n", requests);
            System.out.printf("object writes:             %d (%.1f per rollout)%n", writes, (double) writes / count);
            System.out.printf("creating the rollouts:     %d ms%n", creating.toMillis());
            System.out.printf("all Healthy after:         %d ms%n", operatorTime.toMillis());
            System.out.printf("write floor (%d writes):   %d ms%n", writes, floor.toMillis());
            System.out.printf("ratio to the write floor:  %.2f (goal <= 1.5)%n",
                    (double) operatorTime.toNanos() / floor.toNanos());
            System.out.printf("operator JVM heap after GC: %.1f MiB started, %.1f MiB with all Healthy%n",
                    run.heapBaseline() / 1024.0 / 1024.0, run.heapLoaded() / 1024.0 / 1024.0);
            System.out.printf("heap the rollouts cost:    %.1f MiB (%.3f MiB per rollout, goal <= 0.25)%n",
                    operatorHeap / 1024.0 / 1024.0, perRolloutMiB);
        }
    }

    private record Run(Duration creating, Duration healthyAfter, Map<String, Integer> requests, int writes,
            long heapBaseline, long heapLoaded) {
    }

    /**
     * Runs the operator in a JVM of its own until all rollouts are Healthy, and reads that JVM's heap after a full GC
     * (jcmd) once it has started and once all rollouts are Healthy: the difference is what the rollouts cost it.
     */
    private static Run runOperator(MockCluster cluster, int count) throws Exception {
        KubernetesClient client = cluster.client();
        RolloutFixtures rollouts = new RolloutFixtures(client);
        Path log = Path.of("target", "benchmark-operator.log");
        Process operator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                StandaloneOperatorMain.class.getName(), cluster.url(), String.valueOf(THREADS))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> Files.exists(log)
                    && Files.readString(log).contains(StandaloneOperatorMain.READY));
            long baseline = usedHeapAfterGc(operator.pid());
            cluster.drainRequestCounts();
            long start = System.nanoTime();
            inParallel(count, i -> rollouts.create(RolloutFixtures.canary("app-" + i, "app:1", 2,
                    "[{setWeight: 50}]")));
            long created = System.nanoTime();
            awaitAllHealthy(client, rollouts.namespace, count);
            long healthy = System.nanoTime();
            Map<String, Integer> requests = cluster.drainRequestCounts();
            int writes = requests.getOrDefault("POST", 0) + requests.getOrDefault("PUT", 0)
                    + requests.getOrDefault("PATCH", 0) + requests.getOrDefault("DELETE", 0);
            long loaded = usedHeapAfterGc(operator.pid());
            return new Run(Duration.ofNanos(created - start), Duration.ofNanos(healthy - start), requests, writes,
                    baseline, loaded);
        } finally {
            operator.getOutputStream().close();
            operator.destroy();
            operator.waitFor();
        }
    }

    /** Heap in use in another JVM after a full GC, in bytes, read with jcmd. */
    private static long usedHeapAfterGc(long pid) throws Exception {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("Unexpected GC.heap_info output: " + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        return output;
    }

    private static void awaitAllHealthy(KubernetesClient client, String namespace, int count) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.resources(ServiceRollout.class).inNamespace(namespace).list().getItems().stream()
                        .filter(r -> r.getStatus() != null && r.getStatus().getPhase() == RolloutPhase.Healthy)
                        .count() == count);
    }

    /** The same number of writes by the bare client with the operator's concurrency: ConfigMaps created in a pool. */
    private static Duration writeFloor(KubernetesClient client, int writes) throws Exception {
        long start = System.nanoTime();
        inParallel(writes, n -> client.resource(new ConfigMapBuilder().withNewMetadata().withName("floor-" + n)
                .withNamespace("floor").endMetadata().addToData("value", String.valueOf(n)).build()).create());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Runs {@code work} for 0..count-1 on {@link #THREADS} threads and waits for all. */
    private static void inParallel(int count, IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                done.add(pool.submit(() -> work.accept(n)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

}
