package dev.veer.analysis.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import dev.veer.analysis.MeasurementException;
import dev.veer.api.SecretRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Reads Prometheus credentials from a Secret through the API server: key {@code token} gives a bearer token; keys
 * {@code username} and {@code password} give basic authentication. The Secret is read at each measurement, so a
 * rotated token is used at once. Messages name the Secret and its keys, never their values.
 */
public final class KubernetesSecretCredentials implements CredentialSource {

    static final String TOKEN = "token";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";

    private final KubernetesClient client;

    public KubernetesSecretCredentials(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public PrometheusCredentials read(String namespace, SecretRef ref) throws MeasurementException {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
        } catch (KubernetesClientException e) {
            throw new MeasurementException("cannot read Secret " + namespace + "/" + ref.getName() + ": HTTP "
                    + e.getCode());
        }
        if (secret == null) {
            throw new MeasurementException("Secret " + namespace + "/" + ref.getName() + " (authSecretRef) not found");
        }
        return fromSecret(secret);
    }

    static PrometheusCredentials fromSecret(Secret secret) throws MeasurementException {
        Optional<String> token = value(secret, TOKEN);
        if (token.isPresent()) {
            return new PrometheusCredentials.Bearer(token.get().strip());
        }
        Optional<String> username = value(secret, USERNAME);
        Optional<String> password = value(secret, PASSWORD);
        if (username.isPresent() && password.isPresent()) {
            return new PrometheusCredentials.Basic(username.get(), password.get());
        }
        throw new MeasurementException("Secret " + secret.getMetadata().getNamespace() + "/"
                + secret.getMetadata().getName() + " (authSecretRef) has neither key token nor keys username and "
                + "password");
    }

    private static Optional<String> value(Secret secret, String key) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(key) != null) {
            return Optional.of(new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8));
        }
        Map<String, String> stringData = secret.getStringData();
        return Optional.ofNullable(stringData == null ? null : stringData.get(key));
    }
}
