package dev.veer.testing.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/**
 * Test-side typed client of a Prometheus HTTP API: instant PromQL queries, and pushes of exact samples through the
 * remote-write receiver (protobuf, snappy block compression).
 */
public final class PrometheusClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    public PrometheusClient(URI baseUri) {
        this.baseUri = baseUri;
    }

    /** Evaluates {@code promql} now ({@code /api/v1/query}); fails with Prometheus' message if it is rejected. */
    public QueryResult query(String promql) {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/api/v1/query"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("query " + promql + ": HTTP " + response.statusCode() + ", not JSON: "
                    + response.body(), e);
        }
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("query " + promql + " failed (HTTP " + response.statusCode() + ", "
                    + body.path("errorType").asText() + "): " + body.path("error").asText());
        }
        return parse(body.path("data"));
    }

    /** Pushes the series, with exactly their samples, through {@code /api/v1/write}. */
    public void remoteWrite(List<Series> series) {
        byte[] compressed;
        try {
            compressed = Snappy.compress(RemoteWriteRequest.encode(series));
        } catch (IOException e) {
            throw new IllegalStateException("snappy compression failed", e);
        }
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/api/v1/write"))
                .timeout(TIMEOUT)
                .header("Content-Encoding", "snappy")
                .header("Content-Type", "application/x-protobuf")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed))
                .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("remote write rejected with HTTP " + response.statusCode() + ": "
                    + response.body().strip());
        }
    }

    /** Pushes the series, with exactly their samples, through {@code /api/v1/write}. */
    public void remoteWrite(Series... series) {
        remoteWrite(Arrays.asList(series));
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private static QueryResult parse(JsonNode data) {
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        List<Series> series = new ArrayList<>();
        switch (type) {
            case "vector" -> result.forEach(item -> series.add(new Series(labels(item.path("metric")),
                    List.of(sample(item.path("value"))))));
            case "matrix" -> result.forEach(item -> {
                List<Sample> samples = new ArrayList<>();
                item.path("values").forEach(value -> samples.add(sample(value)));
                series.add(new Series(labels(item.path("metric")), samples));
            });
            case "scalar" -> series.add(new Series(Map.of(), List.of(sample(result))));
            default -> throw new IllegalStateException("unsupported result type " + type + ": " + data);
        }
        return new QueryResult(type, series);
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        metric.fields().forEachRemaining(field -> labels.put(field.getKey(), field.getValue().asText()));
        return labels;
    }

    /** A sample is {@code [<seconds as a float>, "<value>"]}. */
    private static Sample sample(JsonNode pair) {
        long millis = Math.round(pair.get(0).asDouble() * 1000);
        return new Sample(millis, value(pair.get(1).asText()));
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text); // also takes "NaN"
        };
    }
}
