package dev.veer.configwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.veer.api.ConfigWatch;
import dev.veer.api.ConfigWatchStatus;
import dev.veer.common.Conditions;
import dev.veer.configwatch.plan.ConfigConditions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The series per ConfigWatch, and that forgetting a ConfigWatch drops its series. */
class ConfigWatchMetricsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConfigWatchMetrics metrics = new ConfigWatchMetrics(registry);

    @Test
    void revisionSyncTimeAndConditionsFollowTheStatus() {
        ConfigWatchStatus status = new ConfigWatchStatus();
        status.setRevision(4);
        status.setEtcdRevision(42L);
        status.setLastSyncTime("2026-01-01T00:00:10Z");
        List<io.fabric8.kubernetes.api.model.Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, ConfigConditions.SOURCE_REACHABLE, false, "Unreachable", "", 1L, NOW);
        Conditions.set(conditions, ConfigConditions.READY, true, ConfigConditions.SYNCED, "", 1L, NOW);
        status.setConditions(conditions);

        metrics.passed(watch("pricing"), status, 1);

        assertThat(value("veer.configwatch.revision")).isEqualTo(4.0);
        assertThat(value("veer.configwatch.etcd.revision")).isEqualTo(42.0);
        assertThat(value("veer.configwatch.last.sync.timestamp.seconds")).isEqualTo(NOW.getEpochSecond() + 10.0);
        assertThat(value("veer.configwatch.source.reachable")).isZero();
        assertThat(value("veer.configwatch.ready")).isEqualTo(1.0);
    }

    @Test
    void forgettingAConfigWatchDropsItsSeriesAndKeepsOthers() {
        metrics.passed(watch("pricing"), new ConfigWatchStatus(), 1);
        metrics.passed(watch("flags"), new ConfigWatchStatus(), 1);

        metrics.series().forget("prod", "pricing");

        assertThat(registry.find("veer.configwatch.revision").tag("configwatch", "pricing").gauges()).isEmpty();
        assertThat(registry.find("veer.configwatch.versions").tag("configwatch", "pricing").counters()).isEmpty();
        assertThat(registry.find("veer.configwatch.revision").tag("configwatch", "flags").gauges()).hasSize(1);
        assertThat(registry.find("veer.configwatch.versions").tag("configwatch", "flags").counters()).hasSize(1);
    }

    private double value(String name) {
        return registry.get(name).tag("configwatch", "pricing").tag("namespace", "prod").gauge().value();
    }

    private static ConfigWatch watch(String name) {
        ConfigWatch watch = new ConfigWatch();
        watch.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("prod").build());
        return watch;
    }
}
