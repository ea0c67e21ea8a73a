package dev.veer.configwatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.veer.api.ConfigWatch;
import dev.veer.common.ObjectSeries;
import dev.veer.common.SeriesRegistry;
import dev.veer.configwatch.plan.ConfigPlan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Veer's metrics about ConfigWatches, exported at {@code /q/metrics}:
 * <ul>
 * <li>{@code veer_configwatch_revision{namespace,configwatch}}: the revision served;</li>
 * <li>{@code veer_configwatch_versions_total{namespace,configwatch}}: new versions materialised.</li>
 * </ul>
 * Tracked in the ConfigWatches' {@link ObjectSeries}: removed on the ConfigWatch's delete event.
 */
@Singleton
public class ConfigWatchMetrics {

    public static final String KIND = ConfigWatch.class.getSimpleName();

    private final MeterRegistry registry;
    private final ObjectSeries watches;
    private final Map<String, AtomicInteger> revisions = new ConcurrentHashMap<>();

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
        watches.onForget((namespace, name) -> revisions.remove(ObjectSeries.key(namespace, name)));
    }

    ObjectSeries series() {
        return watches;
    }

    /** Records what one pass did: the revision it serves, a new version. */
    void passed(ConfigWatch watch, ConfigPlan plan) {
        String namespace = watch.getMetadata().getNamespace();
        String name = watch.getMetadata().getName();
        if (watches.isDeleted(namespace, name) || plan.status().getRevision() == null) {
            return;
        }
        AtomicInteger revision = revisions.get(ObjectSeries.key(namespace, name));
        if (revision == null) {
            revision = new AtomicInteger();
            watches.track(namespace, name, Gauge.builder("veer.configwatch.revision", revision, AtomicInteger::get)
                    .description("Revision a ConfigWatch serves")
                    .tag("namespace", namespace)
                    .tag("configwatch", name)
                    .register(registry));
            revisions.put(ObjectSeries.key(namespace, name), revision);
        }
        revision.set(plan.status().getRevision());
        long newVersions = plan.events().stream().filter(e -> "NewVersion".equals(e.reason())).count();
        if (newVersions > 0) {
            watches.track(namespace, name, Counter.builder("veer.configwatch.versions")
                    .description("New versions a ConfigWatch materialised")
                    .tag("namespace", namespace)
                    .tag("configwatch", name)
                    .register(registry))
                    .increment(newVersions);
        }
    }
}
