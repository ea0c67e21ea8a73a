package dev.veer.testing.servers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * Renders the {@code prometheus.yml} the harness starts Prometheus with: 1 s scrape and evaluation intervals, a
 * self-scrape job, a file_sd job re-reading the targets file every second, and a 1 h out-of-order window so
 * remote-written samples may be older than what was already ingested.
 */
final class PrometheusConfig {

    /** The scrape job reading {@link ScrapeTargets}; each target group sets its own {@code job} label. */
    static final String FILE_SD_JOB = "file-sd";

    private PrometheusConfig() {
    }

    static String render(int selfPort, Path targetsFile) {
        return """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                storage:
                  tsdb:
                    out_of_order_time_window: 1h
                scrape_configs:
                  - job_name: prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                  - job_name: %s
                    file_sd_configs:
                      - files: [%s]
                        refresh_interval: 1s
                """.formatted(selfPort, FILE_SD_JOB, quoted(targetsFile.toString()));
    }

    /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
    private static String quoted(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
