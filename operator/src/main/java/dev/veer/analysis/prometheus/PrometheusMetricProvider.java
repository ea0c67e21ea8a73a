package dev.veer.analysis.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.veer.analysis.MeasurementException;
import dev.veer.analysis.MetricProvider;
import dev.veer.analysis.MetricValue;
import dev.veer.analysis.ResolvedMetric;
import dev.veer.api.HttpHeader;
import dev.veer.api.PrometheusProviderSpec;

/**
 * Measures a metric with an instant query to a Prometheus-compatible HTTP API: {@code POST <address>/api/v1/query}
 * with the query and the metric's timeout as form fields, the credentials of {@code authSecretRef} and the extra
 * headers. Unreachable, timed out, an HTTP error or an unreadable answer: a {@link MeasurementException} (a
 * measurement error, never a failure).
 *
 * <p>It uses the JDK's {@link HttpClient}: the address differs per metric and is only known at run time, the call is
 * synchronous on the reconcile thread and bounded by the metric's timeout, and it needs no dependency. Redirects are
 * not followed, so credentials are never sent to a host the spec does not name.
 */
public final class PrometheusMetricProvider implements MetricProvider {

    /** Answers larger than this are refused: a metric query that returns megabytes is a wrong query. */
    static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    private final CredentialSource credentials;
    private final HttpClient http;

    public PrometheusMetricProvider(CredentialSource credentials) {
        this.credentials = credentials;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Override
    public MetricValue measure(ResolvedMetric metric, String namespace) throws MeasurementException {
        PrometheusProviderSpec spec = metric.provider().getPrometheus();
        String origin = "Prometheus at " + spec.getAddress();
        PrometheusCredentials credentials = spec.getAuthSecretRef() == null ? PrometheusCredentials.NONE
                : this.credentials.read(namespace, spec.getAuthSecretRef());
        HttpRequest request = request(spec, metric.timeout(), credentials);
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new MeasurementException(origin + " did not answer within " + metric.timeout().toMillis() + " ms");
        } catch (ConnectException e) {
            throw new MeasurementException("cannot connect to " + origin + ": " + describe(e));
        } catch (IOException e) {
            throw new MeasurementException("query to " + origin + " failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeasurementException("query to " + origin + " interrupted");
        }
        return PrometheusAnswer.read(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), body(response, origin), origin);
    }

    /** The query request: the form, the timeout, the Authorization header and the extra headers. */
    static HttpRequest request(PrometheusProviderSpec spec, Duration timeout, PrometheusCredentials credentials)
            throws MeasurementException {
        String form = "query=" + URLEncoder.encode(spec.getQuery(), StandardCharsets.UTF_8)
                + "&timeout=" + timeout.toMillis() + "ms";
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(queryUri(spec.getAddress()))
                    .timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } catch (IllegalArgumentException e) {
            throw new MeasurementException("address '" + spec.getAddress() + "' is not a usable URL: "
                    + e.getMessage());
        }
        credentials.authorization().ifPresent(value -> builder.header("Authorization", value));
        if (spec.getHeaders() != null) {
            for (HttpHeader header : spec.getHeaders()) {
                try {
                    builder.header(header.getName(), header.getValue());
                } catch (IllegalArgumentException e) {
                    throw new MeasurementException("header " + header.getName() + " cannot be sent: "
                            + e.getMessage());
                }
            }
        }
        return builder.build();
    }

    static URI queryUri(String address) {
        String base = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
        URI uri = URI.create(base + "/api/v1/query");
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("expected http:// or https:// and a host");
        }
        return uri;
    }

    private static String body(HttpResponse<InputStream> response, String origin) throws MeasurementException {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new MeasurementException(origin + " answered more than " + MAX_ANSWER_BYTES / (1024 * 1024)
                        + " MB: narrow the query");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MeasurementException("reading the answer of " + origin + " failed: " + describe(e));
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
