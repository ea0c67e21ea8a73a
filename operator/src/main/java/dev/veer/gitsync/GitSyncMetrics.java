package dev.veer.gitsync;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.veer.api.GitSync;
import dev.veer.common.ObjectSeries;
import dev.veer.common.SeriesRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * GitSync metrics: veer_gitsync_fetch_seconds and veer_gitsync_apply_seconds (by result), objects applied and pruned
 * (counters), drifted objects (gauge per GitSync), webhook requests by provider and result. Every series that names
 * a GitSync is tracked in the GitSyncs' {@link ObjectSeries} and removed on its delete event.
 */
@ApplicationScoped
public class GitSyncMetrics {

    private final MeterRegistry registry;
    private final ObjectSeries gitSyncs;
    private final Map<String, AtomicInteger> drifted = new ConcurrentHashMap<>();

    @Inject
    public GitSyncMetrics(SeriesRegistry series) {
        this(series.forKind(GitSync.class.getSimpleName()));
    }

    /** Metrics in a registry of their own (an operator wired by hand). */
    public GitSyncMetrics(MeterRegistry registry) {
        this(new ObjectSeries(registry, GitSync.class.getSimpleName()));
    }

    private GitSyncMetrics(ObjectSeries gitSyncs) {
        this.registry = gitSyncs.registry();
        this.gitSyncs = gitSyncs;
        gitSyncs.onForget((namespace, name) -> drifted.remove(ObjectSeries.key(namespace, name)));
    }

    ObjectSeries series() {
        return gitSyncs;
    }

    void fetched(String namespace, String name, Duration duration, String result) {
        if (gitSyncs.isDeleted(namespace, name)) {
            return;
        }
        gitSyncs.track(namespace, name, Timer.builder("veer.gitsync.fetch").description("Time to fetch a GitSync's repository and read its manifests")
                .tags("namespace", namespace, "gitsync", name, "result", result).publishPercentileHistogram()
                .register(registry)).record(duration);
    }

    void applied(String namespace, String name, Duration duration, String result, int written, int pruned) {
        if (gitSyncs.isDeleted(namespace, name)) {
            return;
        }
        gitSyncs.track(namespace, name, Timer.builder("veer.gitsync.apply")
                .description("Time to dry-run, apply and prune a GitSync's objects")
                .tags("namespace", namespace, "gitsync", name, "result", result).publishPercentileHistogram()
                .register(registry)).record(duration);
        gitSyncs.track(namespace, name, Counter.builder("veer.gitsync.objects.applied")
                .tags("namespace", namespace, "gitsync", name).register(registry)).increment(written);
        gitSyncs.track(namespace, name, Counter.builder("veer.gitsync.objects.pruned")
                .tags("namespace", namespace, "gitsync", name).register(registry)).increment(pruned);
    }

    void drift(String namespace, String name, int objects) {
        if (gitSyncs.isDeleted(namespace, name)) {
            return;
        }
        drifted.computeIfAbsent(ObjectSeries.key(namespace, name), k -> {
            AtomicInteger value = new AtomicInteger();
            gitSyncs.track(namespace, name, Gauge.builder("veer.gitsync.drifted.objects", value, AtomicInteger::get)
                    .description("Objects of a GitSync found changed in the cluster on its last pass")
                    .tags("namespace", namespace, "gitsync", name).register(registry));
            return value;
        }).set(objects);
    }

    /** A webhook request and how it ended: accepted, unauthorized, not_found, rate_limited, too_large, bad_request. */
    public void webhook(String provider, String result) {
        Counter.builder("veer.gitsync.webhook.requests").description("GitSync webhook requests by result")
                .tags("provider", provider, "result", result).register(registry).increment();
    }
}
