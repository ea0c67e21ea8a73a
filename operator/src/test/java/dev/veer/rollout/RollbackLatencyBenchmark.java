package dev.veer.rollout;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.analysis.BuiltinTemplates;
import dev.veer.api.RolloutStage;
import dev.veer.api.ServiceRolloutStatus;
import dev.veer.common.Labels;
import dev.veer.testing.servers.PrometheusServerExtension;
import dev.veer.testing.servers.QueryResult;
import dev.veer.testing.servers.ServiceTraffic;

/**
 * Benchmark (not a test: it asserts nothing and is run only with {@code ./mvnw -pl operator test -Pbenchmark}).
 *
 * <p>How long a breach takes to become a rollback: a canary at 25% under an error-rate analysis step measured every
 * second, on the hand-wired operator against the mock API server and a real Prometheus fed a micrometer service's
 * series. The test raises the canary's error rate and polls Prometheus every 10 ms with the analysis' own query: the
 * first result over the threshold starts the clock. The clock stops when the rollout's status says Aborted, which Veer
 * writes only once the router has read back all traffic on the stable version (here the stable Service selects only
 * the stable slot, whose capacity was restored first). Repeated N times ({@code -Dveer.benchmark.breaches},
 * default 10); the goal is the analysis interval + 1 s.
 */
class RollbackLatencyBenchmark {

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final double THRESHOLD = 0.01;

    @Test
    void breachToAllTrafficOnStable() {
        int count = Integer.getInteger("veer.benchmark.breaches", 10);
        List<Long> total = new ArrayList<>();
        List<Long> toDecision = new ArrayList<>();
        List<Long> decisionToRestored = new ArrayList<>();
        try (StandaloneCluster world = new StandaloneCluster()) {
            RolloutFixtures cluster = world.rollouts;
            for (int i = 0; i < count; i++) {
                String name = "b" + i;
                try (ServiceTraffic canary = ServiceTraffic.start(prometheus.client(), cluster.namespace,
                        name + "-green").awaitRate()) {
                    cluster.create(RolloutFixtures.canary(name, name + ":1", 4, "[{setWeight: 25}, "
                            + AnalysisRolloutTest.analysisStep(prometheus.baseUri().toString(), "[error-rate]", 10_000)
                            + "]"));
                    cluster.awaitHealthyAt(name, 1);
                    cluster.setImage(name, name + ":2");
                    cluster.awaitStatus(name, s -> {
                        var runs = s.getAnalysisRuns();
                        if (runs == null || runs.get(0).getMetrics().isEmpty()
                                || runs.get(0).getMetrics().get(0).getSuccessful() == 0) {
                            throw new AssertionError("no successful measurement yet");
                        }
                    });

                    canary.errorRatio(0.2);
                    Instant breach = firstBreach(canary.query(BuiltinTemplates.ERROR_RATE_QUERY, "10s"));
                    ServiceRolloutStatus aborted = awaitTrafficOnStable(cluster, name);
                    Instant restored = Instant.now();
                    Instant decided = Instant.parse(aborted.getAbortedAt());
                    total.add(Duration.between(breach, restored).toMillis());
                    toDecision.add(Duration.between(breach, decided).toMillis());
                    decisionToRestored.add(Duration.between(decided, restored).toMillis());
                }
            }
        }
        long goal = INTERVAL.plusSeconds(1).toMillis();
        System.out.printf("%n== Rollback latency benchmark (%d breaches, analysis interval %d ms) ==%n", count,
                INTERVAL.toMillis());
        System.out.printf("breach -> all traffic on stable: p50 %d ms, p90 %d ms, max %d ms (goal <= %d ms: "
                + "max/goal %.2f)%n", percentile(total, 50), percentile(total, 90), percentile(total, 100), goal,
                (double) percentile(total, 100) / goal);
        System.out.printf("  breach -> failed measurement:  p50 %d ms, max %d ms (bounded by the interval)%n",
                percentile(toDecision, 50), percentile(toDecision, 100));
        System.out.printf("  failed measurement -> traffic verified on stable: p50 %d ms, max %d ms%n",
                percentile(decisionToRestored, 50), percentile(decisionToRestored, 100));
    }

    /** Polls the analysis' query until its result breaches the threshold; returns when it first did. */
    private static Instant firstBreach(String query) {
        Instant[] seen = new Instant[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            QueryResult result = prometheus.query(query);
            if (!result.series().isEmpty() && result.series().get(0).samples().get(0).value() > THRESHOLD) {
                seen[0] = Instant.now();
                return true;
            }
            return false;
        });
        return seen[0];
    }

    private static ServiceRolloutStatus awaitTrafficOnStable(RolloutFixtures cluster, String name) {
        ServiceRolloutStatus[] status = new ServiceRolloutStatus[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            status[0] = cluster.get(name).getStatus();
            return status[0].getStage() == RolloutStage.Aborted
                    && "blue".equals(cluster.selectorOf(name).get(Labels.SLOT));
        });
        return status[0];
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
