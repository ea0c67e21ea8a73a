package dev.veer.configwatch;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.veer.api.ConfigWatch;
import dev.veer.api.ConfigWatchStatus;
import dev.veer.common.Conditions;
import dev.veer.common.ObjectSeries;
import dev.veer.common.SeriesRegistry;
import dev.veer.configwatch.plan.ConfigConditions;
import dev.veer.configwatch.plan.ConfigPlan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Veer's metrics about ConfigWatches, exported at {@code /q/metrics}, one series per ConfigWatch ({@code namespace},
 * {@code configwatch} labels), from the status each pass leaves:
 * <ul>
 * <li>{@code veer_configwatch_revision}: the revision served (1, 2, 3, ... one per distinct content);</li>
 * <li>{@code veer_configwatch_etcd_revision}: the etcd revision it was read at;</li>
 * <li>{@code veer_configwatch_last_sync_timestamp_seconds}: when the target last took a content (so
 * {@code time() - ...} is the age of the served version);</li>
 * <li>{@code veer_configwatch_source_reachable} and {@code veer_configwatch_ready}: 1 when the condition is True,
 * else 0;</li>
 * <li>{@code veer_configwatch_versions_total}: new versions materialised.</li>
 * </ul>
 * Tracked in the ConfigWatches' {@link ObjectSeries}: removed on the ConfigWatch's delete event.
 */
@Singleton
public class ConfigWatchMetrics {

    public static final String KIND = ConfigWatch.class.getSimpleName();

    private final MeterRegistry registry;
    private final ObjectSeries watches;
    private final Map<String, Values> values = new ConcurrentHashMap<>();

    @Inject
    public ConfigWatchMetrics(SeriesRegistry series) {
        this(series.forKind(KIND));
    }

    /** Metrics in a registry of their own (an operator wired by hand). */
    public ConfigWatchMetrics(MeterRegistry registry) {
        this(new ObjectSeries(registry, KIND));
    }

    private ConfigWatchMetrics(ObjectSeries watches) {
        this.registry = watches.registry();
        this.watches = watches;
        watches.onForget((namespace, name) -> values.remove(ObjectSeries.key(namespace, name)));
    }

    ObjectSeries series() {
        return watches;
    }

    /** Records what one pass did: the status it leaves, the new versions it made. */
    void passed(ConfigWatch watch, ConfigPlan plan) {
        long newVersions = plan.events().stream().filter(e -> "NewVersion".equals(e.reason())).count();
        passed(watch, plan.status(), newVersions);
    }

    void passed(ConfigWatch watch, ConfigWatchStatus status, long newVersions) {
        String namespace = watch.getMetadata().getNamespace();
        String name = watch.getMetadata().getName();
        if (status == null || watches.isDeleted(namespace, name)) {
            return;
        }
        Values current = values.computeIfAbsent(ObjectSeries.key(namespace, name), key -> register(namespace, name));
        current.revision().set(status.getRevision() == null ? Double.NaN : status.getRevision());
        current.etcdRevision().set(status.getEtcdRevision() == null ? Double.NaN : status.getEtcdRevision());
        current.lastSync().set(epochSeconds(status.getLastSyncTime()));
        current.reachable().set(Conditions.isTrue(status.getConditions(), ConfigConditions.SOURCE_REACHABLE) ? 1.0 : 0.0);
        current.ready().set(Conditions.isTrue(status.getConditions(), ConfigConditions.READY) ? 1.0 : 0.0);
        if (newVersions > 0) {
            watches.track(namespace, name, Counter.builder("veer.configwatch.versions")
                    .description("New versions a ConfigWatch materialised")
                    .tag("namespace", namespace)
                    .tag("configwatch", name)
                    .register(registry))
                    .increment(newVersions);
        }
    }

    private static double epochSeconds(String time) {
        if (time == null) {
            return Double.NaN;
        }
        try {
            return Instant.parse(time).toEpochMilli() / 1000.0;
        } catch (DateTimeParseException e) {
            return Double.NaN;
        }
    }

    private Values register(String namespace, String name) {
        Values created = new Values(new AtomicReference<>(Double.NaN), new AtomicReference<>(Double.NaN),
                new AtomicReference<>(Double.NaN), new AtomicReference<>(Double.NaN), new AtomicReference<>(Double.NaN));
        gauge(namespace, name, "veer.configwatch.revision", "Revision of the configuration served", created.revision());
        gauge(namespace, name, "veer.configwatch.etcd.revision", "etcd revision the served configuration was read at",
                created.etcdRevision());
        gauge(namespace, name, "veer.configwatch.last.sync.timestamp.seconds",
                "When the target last took a new content (seconds since the epoch)", created.lastSync());
        gauge(namespace, name, "veer.configwatch.source.reachable", "1 while the etcd source is reachable",
                created.reachable());
        gauge(namespace, name, "veer.configwatch.ready", "1 while the target holds the latest content",
                created.ready());
        return created;
    }

    private void gauge(String namespace, String name, String metric, String description,
            AtomicReference<Double> value) {
        watches.track(namespace, name, Gauge.builder(metric, value, AtomicReference::get)
                .description(description)
                .tag("namespace", namespace)
                .tag("configwatch", name)
                .register(registry));
    }

    private record Values(AtomicReference<Double> revision, AtomicReference<Double> etcdRevision,
            AtomicReference<Double> lastSync, AtomicReference<Double> reachable, AtomicReference<Double> ready) {
    }
}
