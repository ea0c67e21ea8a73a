package dev.veer.rollout;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.veer.analysis.AnalysisBeans;
import dev.veer.analysis.AnalysisMetrics;
import dev.veer.common.EventRecorder;
import dev.veer.common.ResourceWriter;
import dev.veer.rollout.traffic.TrafficRouters;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Veer's ServiceRollout controller in a JOSDK {@link Operator} of its own, wired by hand, for tests that must stop
 * and start the operator (a restart with fresh informer caches) or run it outside Quarkus (the scale benchmark).
 * Configured as the mock API server needs: no server-side apply.
 */
final class StandaloneOperator implements AutoCloseable {

    private final Operator operator;
    private final AtomicInteger passes = new AtomicInteger();

    private StandaloneOperator(KubernetesClient client, int threads) {
        Clock clock = Clock.systemUTC();
        ResourceWriter writer = new ResourceWriter(client, false);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AnalysisMetrics metrics = new AnalysisMetrics(registry);
        var reconciler = new ServiceRolloutReconciler(client, new TrafficRouters(client, writer),
                new RolloutExecutor(writer, new SnapshotWriter(client, writer, clock)),
                new EventRecorder(client, clock), writer,
                new RolloutAnalyses(AnalysisBeans.runner(client, metrics, clock, Optional.empty())),
                new RolloutMetrics(registry, metrics), clock);
        this.operator = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withConcurrentReconciliationThreads(threads)
                .withMetrics(new Metrics() {
                    @Override
                    public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
                        passes.incrementAndGet();
                    }
                }));
        operator.register(reconciler);
        operator.start();
    }

    static StandaloneOperator start(KubernetesClient client) {
        return new StandaloneOperator(client, 10);
    }

    static StandaloneOperator start(KubernetesClient client, int threads) {
        return new StandaloneOperator(client, threads);
    }

    /** Reconcile passes completed by this operator instance. */
    int passes() {
        return passes.get();
    }

    @Override
    public void close() {
        operator.stop();
    }
}
