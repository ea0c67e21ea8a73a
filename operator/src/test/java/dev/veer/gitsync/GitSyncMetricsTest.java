package dev.veer.gitsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Every series that names a GitSync goes when it is forgotten (its delete event); a sibling's stay. */
class GitSyncMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GitSyncMetrics metrics = new GitSyncMetrics(registry);

    @Test
    void aDeletedGitSyncLosesEveryTimerCounterAndGaugeAndASiblingKeepsItsOwn() {
        for (String name : new String[] { "apps", "infra" }) {
            metrics.fetched("prod", name, Duration.ofMillis(80), "ok");
            metrics.applied("prod", name, Duration.ofMillis(120), "ok", 3, 1);
            metrics.drift("prod", name, 2);
        }
        assertThat(registry.getMeters()).filteredOn(m -> "apps".equals(m.getId().getTag("gitsync"))).hasSize(5);

        metrics.series().forget("prod", "apps");
        metrics.drift("prod", "apps", 4);

        assertThat(registry.getMeters()).filteredOn(m -> "apps".equals(m.getId().getTag("gitsync"))).isEmpty();
        assertThat(registry.getMeters()).filteredOn(m -> "infra".equals(m.getId().getTag("gitsync"))).hasSize(5);
    }
}
