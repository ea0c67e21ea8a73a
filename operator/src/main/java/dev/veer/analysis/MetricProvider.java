package dev.veer.analysis;

/** Reads a metric's current value from a metrics backend. One implementation per backend; Prometheus first. */
@FunctionalInterface
public interface MetricProvider {

    /**
     * Measures {@code metric} now.
     *
     * @param namespace the rollout's namespace, where a provider finds the Secret with its credentials
     * @throws MeasurementException when there is no usable result: unreachable, timed out, an HTTP error, an answer
     *         that cannot be read. The message goes into the status: it never holds credentials.
     */
    MetricValue measure(ResolvedMetric metric, String namespace) throws MeasurementException;
}
