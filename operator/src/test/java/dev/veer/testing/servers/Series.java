package dev.veer.testing.servers;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus time series: its labels (the metric name being the {@code __name__} label) and some of its samples.
 * Labels are kept sorted by name, as the remote-write protocol requires.
 */
public record Series(Map<String, String> labels, List<Sample> samples) {

    public static final String NAME_LABEL = "__name__";

    public Series {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        samples = List.copyOf(samples);
    }

    /** A series named {@code metricName} with the given other labels and samples. */
    public static Series of(String metricName, Map<String, String> labels, Sample... samples) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(NAME_LABEL, metricName);
        return new Series(all, List.of(samples));
    }

    /** The metric name, or null for series without one (results of most PromQL functions). */
    public String metricName() {
        return labels.get(NAME_LABEL);
    }
}
