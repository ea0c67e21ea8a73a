package dev.veer.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * One {@link ObjectSeries} per kind of object Veer reconciles: the metrics classes of a kind and its controller's
 * {@link SeriesCleanup} share it. A new controller registers the same way: its metrics track their meters in
 * {@code forKind(KIND)}, and its {@code prepareEventSources} adds {@code new SeriesCleanup<>(forKind(KIND), context)}.
 */
@Singleton
public class SeriesRegistry {

    private final MeterRegistry registry;
    private final Map<String, ObjectSeries> kinds = new ConcurrentHashMap<>();

    public SeriesRegistry(MeterRegistry registry) {
        this.registry = registry;
    }

    public ObjectSeries forKind(String kind) {
        return kinds.computeIfAbsent(kind, k -> new ObjectSeries(registry, k));
    }
}
