package dev.veer.analysis.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.veer.analysis.MeasurementException;
import dev.veer.analysis.MetricValue;
import dev.veer.analysis.ResolvedMetric;
import dev.veer.api.SecretRef;
import dev.veer.sandbox.MockCluster;
import dev.veer.testing.servers.PrometheusServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * Basic authentication end to end: the credentials of a Secret read through the fabric8 client (from the mock API
 * server) against a real Prometheus that demands them. (Prometheus' own web server only knows basic authentication;
 * the bearer header is checked in {@link PrometheusRequestTest}.)
 */
class PrometheusBasicAuthTest {

    private static final String PASSWORD = "veer-test-password";
    /** bcrypt (cost 4) of {@link #PASSWORD}. */
    private static final String PASSWORD_BCRYPT = "$2b$04$Nb2OVyhfC5ZvRUsiwWh/wODeNYZ1iOSahaF5xece9xG4m47UmeHxW";

    private static PrometheusServer prometheus;
    private static MockCluster cluster;
    private static PrometheusMetricProvider provider;

    @BeforeAll
    static void start() {
        prometheus = PrometheusServer.startWithBasicAuth("veer", PASSWORD_BCRYPT);
        cluster = MockCluster.start();
        secret("prometheus-basic", Map.of("username", "veer", "password", PASSWORD));
        secret("prometheus-wrong", Map.of("username", "veer", "password", "guess"));
        provider = new PrometheusMetricProvider(new KubernetesSecretCredentials(cluster.client()));
    }

    @AfterAll
    static void stop() {
        cluster.close();
        prometheus.close();
    }

    @Test
    void credentialsFromTheSecretAreAccepted() throws Exception {
        assertThat(provider.measure(metric("prometheus-basic"), "shop")).isEqualTo(MetricValue.of(1, "1"));
    }

    @Test
    void wrongPasswordIsAMeasurementErrorThatDoesNotShowThePassword() {
        assertThatThrownBy(() -> provider.measure(metric("prometheus-wrong"), "shop"))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("answered HTTP 401")
                .message().doesNotContain("guess");
    }

    @Test
    void withoutCredentialsPrometheusRefusesTheQuery() {
        assertThatThrownBy(() -> provider.measure(metric(null), "shop"))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("answered HTTP 401");
    }

    private static ResolvedMetric metric(String secret) {
        ResolvedMetric metric = PrometheusMetricProviderTest.metric(prometheus.baseUri().toString(), "scalar(vector(1))");
        metric.provider().getPrometheus().setAuthSecretRef(secret == null ? null : new SecretRef(secret));
        return metric;
    }

    private static void secret(String name, Map<String, String> values) {
        var data = new HashMap<String, String>();
        values.forEach((key, value) -> data.put(key,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        cluster.client().secrets().inNamespace("shop").resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace("shop").endMetadata().withData(data).build()).create();
    }
}
