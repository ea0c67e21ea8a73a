package dev.veer.analysis.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.analysis.MeasurementException;
import dev.veer.api.SecretRef;
import dev.veer.sandbox.MockCluster;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** Credentials read through the fabric8 client from the mock API server. */
class KubernetesSecretCredentialsTest {

    private MockCluster cluster;
    private KubernetesSecretCredentials credentials;

    @BeforeEach
    void startCluster() {
        cluster = MockCluster.start();
        credentials = new KubernetesSecretCredentials(cluster.client());
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void tokenKeyGivesABearerToken() throws Exception {
        secret("prom-token", Map.of("token", "t0k3n\n"));
        assertThat(credentials.read("shop", new SecretRef("prom-token")))
                .isEqualTo(new PrometheusCredentials.Bearer("t0k3n"));
    }

    @Test
    void usernameAndPasswordKeysGiveBasicAuthentication() throws Exception {
        secret("prom-basic", Map.of("username", "veer", "password", "s3cret"));
        assertThat(credentials.read("shop", new SecretRef("prom-basic")))
                .isEqualTo(new PrometheusCredentials.Basic("veer", "s3cret"));
    }

    @Test
    void secretWithoutTheKeysIsAMeasurementErrorThatShowsNoValue() {
        secret("prom-wrong", Map.of("user", "veer", "password", "s3cret"));
        assertThatThrownBy(() -> credentials.read("shop", new SecretRef("prom-wrong")))
                .isInstanceOf(MeasurementException.class)
                .hasMessage("Secret shop/prom-wrong (authSecretRef) has neither key token nor keys username and "
                        + "password")
                .message().doesNotContain("s3cret");
    }

    @Test
    void missingSecretIsAMeasurementError() {
        assertThatThrownBy(() -> credentials.read("shop", new SecretRef("absent")))
                .isInstanceOf(MeasurementException.class)
                .hasMessage("Secret shop/absent (authSecretRef) not found");
    }

    private void secret(String name, Map<String, String> values) {
        var data = new java.util.HashMap<String, String>();
        values.forEach((key, value) -> data.put(key,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        cluster.client().secrets().inNamespace("shop").resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace("shop").endMetadata().withData(data).build()).create();
    }
}
