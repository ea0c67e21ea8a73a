package dev.veer.analysis.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.analysis.MeasurementException;
import dev.veer.testing.servers.EtcdServerExtension;
import dev.veer.testing.servers.PrometheusServerExtension;

/**
 * An address that is not a Prometheus query API: the rollout's author chooses it, so the measurement's message (which
 * goes into status and events) says what answered, by HTTP status and media type, and never quotes the body. The
 * servers are real: etcd's {@code /metrics} page (which answers a POST) and its JSON gateway.
 */
class ForeignAnswersTest {

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();
    @RegisterExtension
    static final EtcdServerExtension etcd = new EtcdServerExtension();

    private final PrometheusMetricProvider provider = new PrometheusMetricProvider((namespace, ref) -> {
        throw new AssertionError("no credentials expected");
    });

    @Test
    void textPageIsDescribedByStatusAndMediaTypeNeverQuoted() {
        // The query string swallows the /api/v1/query the provider appends: the request reaches /metrics.
        MeasurementException error = measure(etcd.endpoint() + "/metrics?page=");

        assertThat(error.getMessage())
                .isEqualTo("Prometheus at " + etcd.endpoint() + "/metrics?page= answered HTTP 200 (text/plain), "
                        + "not a Prometheus API answer: check the address")
                .doesNotContain("# HELP").doesNotContain("etcd_");
    }

    @Test
    void foreignJsonErrorIsDescribedByStatusAndMediaTypeNotByItsErrorField() {
        MeasurementException error = measure(etcd.endpoint() + "/v3/kv/range?page=");

        assertThat(error.getMessage())
                .startsWith("Prometheus at " + etcd.endpoint() + "/v3/kv/range?page= answered HTTP 4")
                .endsWith("(application/json), not a Prometheus API answer: check the address")
                .doesNotContain("invalid character").doesNotContain("code");
    }

    @Test
    void prometheusErrorStillCarriesItsErrorTypeAndError() {
        var metric = PrometheusMetricProviderTest.metric(prometheus.baseUri().toString(), "sum(");
        MeasurementException error = catchThrowableOfType(MeasurementException.class,
                () -> provider.measure(metric, "shop"));

        assertThat(error.getMessage()).startsWith("Prometheus at " + prometheus.baseUri()
                + " answered HTTP 400 (bad_data): ").contains("parse error");
    }

    private MeasurementException measure(String address) {
        var metric = PrometheusMetricProviderTest.metric(address, "up");
        return catchThrowableOfType(MeasurementException.class, () -> provider.measure(metric, "shop"));
    }
}
