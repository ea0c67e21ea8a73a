package dev.veer.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.analysis.BuiltinTemplates;

/** The synthetic service's series give the built-in queries the error ratio and latency the test set. */
class ServiceTrafficTest {

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();

    @Test
    void errorRateAndP99QueriesReadWhatTheTrafficWasSetTo() {
        String namespace = "traffic-" + UUID.randomUUID();
        try (ServiceTraffic traffic = ServiceTraffic.start(prometheus.client(), namespace, "shop-green")) {
            traffic.errorRatio(0.2).latencySeconds(0.3);
            String errorRate = traffic.query(BuiltinTemplates.ERROR_RATE_QUERY, "10s");
            String p99 = traffic.query(BuiltinTemplates.LATENCY_P99_QUERY, "10s");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(traffic.lastError()).isNull();
                assertThat(value(errorRate)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.001));
                assertThat(value(p99)).isBetween(0.25, 0.5);
            });
        }
    }

    private static double value(String query) {
        QueryResult result = prometheus.query(query);
        assertThat(result.series()).as(query).hasSize(1);
        return result.series().get(0).samples().get(0).value();
    }
}
