package dev.veer.rollout;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * and the operator's heap after GC (heap with the operator running minus heap after it stopped, the mock server's
 * objects being in the same JVM either way).
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
            long heapWithout = usedHeapAfterGc();
            Duration floor = writeFloor(client, run.writes());
            Duration operatorTime = run.healthyAfter();
            long operatorHeap = run.heapWithOperator() - heapWithout;
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
            System.out.printf("operator heap after GC:    %.1f MiB (%.3f MiB per rollout, goal <= 0.25)%n",
                    operatorHeap / 1024.0 / 1024.0, perRolloutMiB);
        }
    }

    private record Run(Duration creating, Duration healthyAfter, Map<String, Integer> requests, int writes,
            long heapWithOperator) {
    }

    /**
     * Runs the operator until all rollouts are Healthy and measures the heap while it still runs; the operator is
     * stopped and unreachable once this returns, so that the heap measured next is the world without it.
     */
    private static Run runOperator(MockCluster cluster, int count) {
        KubernetesClient client = cluster.client();
        RolloutFixtures rollouts = new RolloutFixtures(client);
        StandaloneOperator operator = StandaloneOperator.start(client, THREADS);
        cluster.drainRequestCounts();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            rollouts.create(RolloutFixtures.canary("app-" + i, "app:1", 2, "[{setWeight: 50}]"));
        }
        long created = System.nanoTime();
        awaitAllHealthy(client, rollouts.namespace, count);
        long healthy = System.nanoTime();
        Map<String, Integer> requests = cluster.drainRequestCounts();
        int writes = requests.getOrDefault("POST", 0) + requests.getOrDefault("PUT", 0)
                + requests.getOrDefault("PATCH", 0) + requests.getOrDefault("DELETE", 0);
        long heapWithOperator = usedHeapAfterGc();
        operator.close();
        return new Run(Duration.ofNanos(created - start), Duration.ofNanos(healthy - start), requests, writes,
                heapWithOperator);
    }

    private static void awaitAllHealthy(KubernetesClient client, String namespace, int count) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.resources(ServiceRollout.class).inNamespace(namespace).list().getItems().stream()
                        .filter(r -> r.getStatus() != null && r.getStatus().getPhase() == RolloutPhase.Healthy)
                        .count() == count);
    }

    /** The same number of writes by the bare client with the operator's concurrency: ConfigMaps created in a pool. */
    private static Duration writeFloor(KubernetesClient client, int writes) throws Exception {
        String namespace = "floor";
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                int n = i;
                done.add(pool.submit(() -> client.resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("floor-" + n).withNamespace(namespace).endMetadata()
                        .addToData("value", String.valueOf(n)).build()).create()));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
