package dev.veer.analysis.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How Veer authenticates to Prometheus: not at all, with a bearer token, or with basic authentication. The secret
 * parts never appear in {@link #toString()}, messages or logs.
 */
public sealed interface PrometheusCredentials {

    /** No credentials. */
    PrometheusCredentials NONE = new None();

    /** The value of the Authorization header, if any. */
    Optional<String> authorization();

    /** No Authorization header. */
    record None() implements PrometheusCredentials {
        @Override
        public Optional<String> authorization() {
            return Optional.empty();
        }
    }

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(String token) implements PrometheusCredentials {
        @Override
        public Optional<String> authorization() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String toString() {
            return "Bearer[redacted]";
        }
    }

    /** {@code Authorization: Basic base64(username:password)}. */
    record Basic(String username, String password) implements PrometheusCredentials {
        @Override
        public Optional<String> authorization() {
            return Optional.of("Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[" + username + ", redacted]";
        }
    }
}
