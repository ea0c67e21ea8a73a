package dev.veer.configwatch;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Singleton;

import dev.veer.api.ConfigWatch;
import dev.veer.api.ConfigWatchStatus;
import dev.veer.common.Conditions;
import dev.veer.configwatch.plan.ConfigConditions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Veer's metrics about ConfigWatches, exported at {@code /q/metrics}, one series per ConfigWatch
 * ({@code namespace}, {@code configwatch} labels), from the status each pass leaves:
 * <ul>
 * <li>{@code veer_configwatch_revision}: the revision served (1, 2, 3, ... one per distinct content);</li>
 * <li>{@code veer_configwatch_etcd_revision}: the etcd revision it was read at;</li>
 * <li>{@code veer_configwatch_last_sync_timestamp_seconds}: when the target last took a content (so
 * {@code time() - ...} is the age of the served version);</li>
 * <li>{@code veer_configwatch_source_reachable} and {@code veer_configwatch_ready}: 1 when the condition is True,
 * else 0.</li>
 * </ul>
 * The series of a deleted ConfigWatch are dropped by {@link #sweep}, at most once per {@link #SWEEP_EVERY}.
 */
@Singleton
public class ConfigWatchMetrics {

    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final MeterRegistry registry;
    private final Map<Key, Series> series = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.EPOCH);

    public ConfigWatchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records the status a pass leaves the ConfigWatch with. */
    void passed(ConfigWatch watch, ConfigWatchStatus status) {
        if (status == null) {
            return;
        }
        Series current = series.computeIfAbsent(new Key(watch.getMetadata().getNamespace(),
                watch.getMetadata().getName()), this::register);
        current.revision().set(status.getRevision() == null ? Double.NaN : status.getRevision());
        current.etcdRevision().set(status.getEtcdRevision() == null ? Double.NaN : status.getEtcdRevision());
        current.lastSync().set(epochSeconds(status.getLastSyncTime()));
        current.reachable().set(Conditions.isTrue(status.getConditions(), ConfigConditions.SOURCE_REACHABLE) ? 1.0 : 0.0);
        current.ready().set(Conditions.isTrue(status.getConditions(), ConfigConditions.READY) ? 1.0 : 0.0);
    }

    /** Drops the series of ConfigWatches that no longer exist, at most once per {@link #SWEEP_EVERY}. */
    void sweep(Instant now, Supplier<Stream<ConfigWatch>> existing) {
        Instant last = lastSweep.get();
        if (now.isBefore(last.plus(SWEEP_EVERY)) || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        Set<Key> live = existing.get().map(w -> new Key(w.getMetadata().getNamespace(), w.getMetadata().getName()))
                .collect(Collectors.toSet());
        series.entrySet().removeIf(entry -> {
            if (live.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().gauges().forEach(registry::remove);
            return true;
        });
    }

    int tracked() {
        return series.size();
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

    private Series register(Key key) {
        Series created = new Series(new AtomicReference<>(Double.NaN), new AtomicReference<>(Double.NaN),
                new AtomicReference<>(Double.NaN), new AtomicReference<>(Double.NaN), new AtomicReference<>(Double.NaN),
                new ArrayList<>());
        gauge(key, created, "veer.configwatch.revision", "Revision of the configuration served", created.revision());
        gauge(key, created, "veer.configwatch.etcd.revision", "etcd revision the served configuration was read at",
                created.etcdRevision());
        gauge(key, created, "veer.configwatch.last.sync.timestamp.seconds",
                "When the target last took a new content (seconds since the epoch)", created.lastSync());
        gauge(key, created, "veer.configwatch.source.reachable", "1 while the etcd source is reachable",
                created.reachable());
        gauge(key, created, "veer.configwatch.ready", "1 while the target holds the latest content", created.ready());
        return created;
    }

    private void gauge(Key key, Series series, String name, String description, AtomicReference<Double> value) {
        series.gauges().add(Gauge.builder(name, value, AtomicReference::get)
                .description(description)
                .tag("namespace", key.namespace())
                .tag("configwatch", key.name())
                .register(registry));
    }

    private record Key(String namespace, String name) {
    }

    private record Series(AtomicReference<Double> revision, AtomicReference<Double> etcdRevision,
            AtomicReference<Double> lastSync, AtomicReference<Double> reachable, AtomicReference<Double> ready,
            List<Gauge> gauges) {
    }
}
