package dev.veer.analysis.prometheus;

import dev.veer.analysis.MeasurementException;
import dev.veer.api.SecretRef;

/** Reads the credentials a metric's {@code authSecretRef} names. */
@FunctionalInterface
public interface CredentialSource {

    /**
     * The credentials in Secret {@code ref} of {@code namespace}.
     *
     * @throws MeasurementException when the Secret is missing or holds neither a token nor a username and password
     *         (a measurement error: the Secret may appear, or be fixed, before the error limit is reached)
     */
    PrometheusCredentials read(String namespace, SecretRef ref) throws MeasurementException;
}
