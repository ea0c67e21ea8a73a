package dev.veer.analysis.prometheus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
 */
final class PrometheusAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrometheusAnswer() {
    }

    /**
     * @param status the HTTP status code
     * @param body the answer's body
     * @param origin for messages, for example {@code Prometheus at http://prometheus:9090}
     */
    static MetricValue read(int status, String body, String origin) throws MeasurementException {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            throw new MeasurementException(origin + " answered HTTP " + status + " with no Prometheus JSON: "
                    + abbreviate(body));
        }
        if (status / 100 != 2 || !"success".equals(answer.path("status").asText())) {
            throw new MeasurementException(origin + " answered HTTP " + status + " ("
                    + answer.path("errorType").asText("error") + "): " + answer.path("error").asText(abbreviate(body)));
        }
        JsonNode data = answer.path("data");
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        return switch (type) {
            case "scalar" -> sample(result, origin);
            case "vector" -> collapse(vector(result, origin));
            case "matrix" -> collapse(matrix(result, origin));
            default -> throw new MeasurementException(origin + " answered a result of type '" + type
                    + "': a metric needs a scalar, a vector or a matrix");
        };
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
            throw new MeasurementException(origin + " answered a sample that is not [time, \"value\"]: " + pair);
        }
        String text = value.asText();
        try {
            return MetricValue.of(switch (text) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            }, text);
        } catch (NumberFormatException e) {
            throw new MeasurementException(origin + " answered a sample value that is not a number: " + text);
        }
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }
}
