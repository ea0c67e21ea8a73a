package dev.veer.gitsync;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * GitSync metrics: veer_gitsync_fetch_seconds and veer_gitsync_apply_seconds (by result), objects applied and pruned
 * (counters), drifted objects (gauge per GitSync), webhook requests by provider and result.
 */
@ApplicationScoped
public class GitSyncMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> drifted = new ConcurrentHashMap<>();

    public GitSyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void fetched(String namespace, String name, Duration duration, String result) {
        Timer.builder("veer.gitsync.fetch").description("Time to fetch a GitSync's repository and read its manifests")
                .tags("namespace", namespace, "gitsync", name, "result", result).publishPercentileHistogram()
                .register(registry).record(duration);
    }

    void applied(String namespace, String name, Duration duration, String result, int written, int pruned) {
        Timer.builder("veer.gitsync.apply").description("Time to dry-run, apply and prune a GitSync's objects")
                .tags("namespace", namespace, "gitsync", name, "result", result).publishPercentileHistogram()
                .register(registry).record(duration);
        Counter.builder("veer.gitsync.objects.applied").tags("namespace", namespace, "gitsync", name)
                .register(registry).increment(written);
        Counter.builder("veer.gitsync.objects.pruned").tags("namespace", namespace, "gitsync", name)
                .register(registry).increment(pruned);
    }

    void drift(String namespace, String name, int objects) {
        drifted.computeIfAbsent(namespace + "/" + name, k -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("veer.gitsync.drifted.objects", value, AtomicInteger::get)
                    .description("Objects of a GitSync found changed in the cluster on its last pass")
                    .tags("namespace", namespace, "gitsync", name).register(registry);
            return value;
        }).set(objects);
    }

    /** A webhook request and how it ended: accepted, unauthorized, not_found, rate_limited, too_large, bad_request. */
    public void webhook(String provider, String result) {
        Counter.builder("veer.gitsync.webhook.requests").description("GitSync webhook requests by result")
                .tags("provider", provider, "result", result).register(registry).increment();
    }
}
