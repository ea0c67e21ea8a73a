package dev.veer.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The run's real Prometheus: self-scrape, runtime scrape targets, remote write read back through PromQL. */
class PrometheusServerTest {

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();

    /** The first scrape of a target comes about 5 s after Prometheus starts or learns about it. */
    private static final Duration FIRST_SCRAPE = Duration.ofSeconds(30);

    @Test
    void scrapesItself() {
        Awaitility.await().atMost(FIRST_SCRAPE).untilAsserted(() -> assertThat(
                prometheus.query("up{job=\"prometheus\"} == 1").series())
                .singleElement()
                .satisfies(series -> assertThat(series.labels()).containsEntry("instance", prometheus.hostPort())));
    }

    @Test
    void remoteWrittenSamplesAreReadBackExactly() {
        String run = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Series written = Series.of("veer_harness_remote_write_total", Map.of("run", run, "stage", "canary"),
                Sample.at(now.minusSeconds(120), 1.5),
                Sample.at(now.minusSeconds(60), -2.25),
                Sample.at(now, 42));

        prometheus.remoteWrite(written);

        QueryResult result = prometheus.query("veer_harness_remote_write_total{run=\"" + run + "\"}[10m]");
        assertThat(result.resultType()).isEqualTo("matrix");
        assertThat(result.series()).containsExactly(written);
    }

    @Test
    void scrapesTargetsRegisteredAtRuntime() {
        String job = "veer-runtime-" + UUID.randomUUID();

        prometheus.addScrapeTarget(job, prometheus.hostPort(), Map.of("team", "veer"));

        Awaitility.await().atMost(FIRST_SCRAPE).untilAsserted(() -> assertThat(
                prometheus.query("up{job=\"" + job + "\", team=\"veer\"} == 1").series()).hasSize(1));
    }

    @Test
    void rejectedQueriesFailWithPrometheusMessage() {
        assertThatThrownBy(() -> prometheus.query("sum(")).hasMessageContaining("bad_data")
                .hasMessageContaining("parse error");
    }
}
