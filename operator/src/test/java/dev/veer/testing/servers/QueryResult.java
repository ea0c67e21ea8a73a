package dev.veer.testing.servers;

import java.util.List;

/**
 * The result of a PromQL query as {@link PrometheusClient#query} parsed it.
 *
 * @param resultType {@code vector} (one sample per series), {@code matrix} (range selectors) or {@code scalar} (one
 *        series without labels)
 * @param series the series returned, in Prometheus' order
 */
public record QueryResult(String resultType, List<Series> series) {

    public QueryResult {
        series = List.copyOf(series);
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }
}
