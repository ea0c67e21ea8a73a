package dev.veer.analysis.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.analysis.MeasurementException;
import dev.veer.analysis.MetricRules;
import dev.veer.analysis.MetricValue;
import dev.veer.analysis.ResolvedMetric;
import dev.veer.api.MetricProviderSpec;
import dev.veer.api.NoDataPolicy;
import dev.veer.api.PrometheusProviderSpec;
import dev.veer.testing.servers.FreePort;
import dev.veer.testing.servers.PrometheusServerExtension;
import dev.veer.testing.servers.Sample;
import dev.veer.testing.servers.Series;

/** The provider against the run's real Prometheus: every result shape it answers, and its errors. */
class PrometheusMetricProviderTest {

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();

    private final PrometheusMetricProvider provider = new PrometheusMetricProvider((namespace, ref) -> {
        throw new AssertionError("no credentials expected");
    });
    private final String run = UUID.randomUUID().toString();

    @Test
    void scalarIsANumber() throws Exception {
        assertThat(measure("scalar(vector(0.25))")).isEqualTo(MetricValue.of(0.25, "0.25"));
    }

    @Test
    void singleSampleVectorIsANumber() throws Exception {
        write("a", 0.0125);
        assertThat(measure("veer_it_provider{run=\"" + run + "\"}")).isEqualTo(MetricValue.of(0.0125, "0.0125"));
    }

    @Test
    void multiSampleVectorIsAListInPrometheusOrder() throws Exception {
        write("a", 1);
        write("b", 2);
        MetricValue value = measure("sort(veer_it_provider{run=\"" + run + "\"})");
        assertThat(value.text()).isEqualTo("[1, 2]");
        assertThat(value.toCel()).isEqualTo(List.of(1.0, 2.0));
    }

    @Test
    void emptyVectorIsTheEmptyList() throws Exception {
        assertThat(measure("veer_it_provider{run=\"" + run + "\"}").isEmpty()).isTrue();
    }

    @Test
    void nanIsKept() throws Exception {
        MetricValue value = measure("vector(0) / vector(0)");
        assertThat(value.text()).isEqualTo("NaN");
        assertThat(value.single().getAsDouble()).isNaN();
    }

    @Test
    void rangeQueryOfOneSeriesIsTheListOfItsValues() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        prometheus.remoteWrite(Series.of("veer_it_provider", Map.of("run", run, "pod", "a"),
                Sample.at(now.minusSeconds(60), 3), Sample.at(now.minusSeconds(30), 4), Sample.at(now, 5)));
        assertThat(measure("veer_it_provider{run=\"" + run + "\"}[5m]").text()).isEqualTo("[3, 4, 5]");
    }

    @Test
    void rejectedQueryIsAMeasurementErrorWithPrometheusMessage() {
        assertThatThrownBy(() -> measure("sum(")).isInstanceOf(MeasurementException.class)
                .hasMessageStartingWith("Prometheus at " + prometheus.baseUri() + " answered HTTP 400 (bad_data): ")
                .hasMessageContaining("parse error");
    }

    @Test
    void wrongPathIsAMeasurementErrorWithTheHttpStatus() {
        assertThatThrownBy(() -> provider.measure(metric(prometheus.baseUri() + "/nothing-here", "up"), "shop"))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("answered HTTP 404");
    }

    @Test
    void unreachablePrometheusIsAMeasurementError() {
        String address = "http://127.0.0.1:" + FreePort.allocate();
        assertThatThrownBy(() -> provider.measure(metric(address, "up"), "shop"))
                .isInstanceOf(MeasurementException.class)
                .hasMessageStartingWith("cannot connect to Prometheus at " + address + ": ConnectException");
    }

    private MetricValue measure(String query) throws MeasurementException {
        return provider.measure(metric(prometheus.baseUri().toString(), query), "shop");
    }

    private void write(String pod, double value) {
        prometheus.remoteWrite(Series.of("veer_it_provider", Map.of("run", run, "pod", pod),
                Sample.at(Instant.now().truncatedTo(ChronoUnit.MILLIS), value)));
    }

    static ResolvedMetric metric(String address, String query) {
        var spec = new PrometheusProviderSpec();
        spec.setAddress(address);
        spec.setQuery(query);
        var provider = new MetricProviderSpec();
        provider.setPrometheus(spec);
        return new ResolvedMetric("test", new MetricRules("m", Duration.ofSeconds(30), Optional.empty(),
                OptionalInt.empty(), 0, 0, 4, false), provider, Duration.ofSeconds(5), Optional.empty(),
                Optional.empty(), NoDataPolicy.Inconclusive);
    }
}
