package dev.veer.analysis.prometheus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.veer.analysis.MeasurementException;
import dev.veer.analysis.MetricValue;

/**
 * Reads the JSON answer of {@code /api/v1/query} into a {@link MetricValue}:
 * <ul>
 * <li>{@code scalar}: the number;</li>
 * <li>{@code vector}: no sample gives the empty list, one sample its number, several a list of numbers;</li>
 * <li>{@code matrix} (a range selector): no series gives the empty list, one series the list of its values, several a
 * list of such lists.</li>
 * </ul>
 * Values keep Prometheus' text ({@code "0.0125"}, {@code "NaN"}, {@code "+Inf"}) for display. An error answer, or
 * one that cannot be read, is a {@link MeasurementException}.
 *
 * <h2>Nothing of the body goes into a message</h2>
 * The address is the rollout author's, and a message goes into the rollout's status and events: copying an answer
 * into it would let anyone who may write a rollout read any URL the operator can reach. A message therefore carries
 * only Prometheus' own {@code errorType} and {@code error} fields of an answer that has the shape of a Prometheus API
 * error ({@code "status": "error"} and an {@code errorType} Prometheus defines), or else the HTTP status code and the
 * media type. Result types and sample values that cannot be used are described, never quoted.
 */
final class PrometheusAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The {@code errorType} values of Prometheus' HTTP API ({@code web/api/v1}). */
    private static final Set<String> ERROR_TYPES = Set.of("timeout", "canceled", "execution", "bad_data", "internal",
            "unavailable", "not_found", "not_acceptable");
    private static final Set<String> RESULT_TYPES = Set.of("scalar", "vector", "matrix", "string");
    /** Prometheus' error messages (a parse error, a timeout) are short; anything longer is cut. */
    private static final int MAX_ERROR_CHARS = 300;

    private PrometheusAnswer() {
    }

    /**
     * @param status the HTTP status code
     * @param contentType the answer's {@code Content-Type} header, or null
     * @param body the answer's body
     * @param origin for messages, for example {@code Prometheus at http://prometheus:9090}
     */
    static MetricValue read(int status, String contentType, String body, String origin) throws MeasurementException {
        JsonNode answer = parse(body);
        String answerStatus = answer.path("status").asText("");
        if ("error".equals(answerStatus) && ERROR_TYPES.contains(answer.path("errorType").asText(""))
                && answer.path("error").isTextual()) {
            throw new MeasurementException(origin + " answered HTTP " + status + " ("
                    + answer.path("errorType").asText() + "): " + shorten(answer.path("error").asText()));
        }
        if (status / 100 != 2 || !"success".equals(answerStatus) || !answer.path("data").isObject()) {
            throw new MeasurementException(origin + " answered HTTP " + status + " (" + mediaType(contentType)
                    + "), not a Prometheus API answer: check the address");
        }
        JsonNode data = answer.path("data");
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        return switch (type) {
            case "scalar" -> sample(result, origin);
            case "vector" -> collapse(vector(result, origin));
            case "matrix" -> collapse(matrix(result, origin));
            default -> throw new MeasurementException(origin + " answered "
                    + (RESULT_TYPES.contains(type) ? "a result of type '" + type + "'" : "no known result type")
                    + ": a metric needs a scalar, a vector or a matrix");
        };
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode answer = JSON.readTree(body == null ? "" : body);
            return answer != null && answer.isObject() ? answer : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static List<MetricValue> vector(JsonNode result, String origin) throws MeasurementException {
        List<MetricValue> samples = new ArrayList<>();
        for (JsonNode series : result) {
            samples.add(sample(series.path("value"), origin));
        }
        return samples;
    }

    private static List<MetricValue> matrix(JsonNode result, String origin) throws MeasurementException {
        List<MetricValue> series = new ArrayList<>();
        for (JsonNode item : result) {
            List<MetricValue> values = new ArrayList<>();
            for (JsonNode pair : item.path("values")) {
                values.add(sample(pair, origin));
            }
            series.add(MetricValue.list(values));
        }
        return series;
    }

    /** One element stands for itself; none or several make a list. */
    private static MetricValue collapse(List<MetricValue> items) {
        return items.size() == 1 ? items.get(0) : MetricValue.list(items);
    }

    /** A sample is {@code [<unix time>, "<value>"]}. */
    private static MetricValue sample(JsonNode pair, String origin) throws MeasurementException {
        JsonNode value = pair.path(1);
        if (!value.isTextual()) {
            throw new MeasurementException(origin + " answered a sample that is not [time, \"value\"]");
        }
        String text = value.asText();
        try {
            return MetricValue.of(switch (text) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            }, text);
        } catch (NumberFormatException e) {
            throw new MeasurementException(origin + " answered a sample value that is not a number");
        }
    }

    /** The media type of a Content-Type header, without parameters, or "no content type". */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "no content type";
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.matches("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}") ? type
                : "an unreadable content type";
    }

    private static String shorten(String error) {
        String flat = error.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_ERROR_CHARS ? flat : flat.substring(0, MAX_ERROR_CHARS) + "...";
    }
}
