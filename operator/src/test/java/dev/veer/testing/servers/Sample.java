package dev.veer.testing.servers;

import java.time.Instant;

/**
 * One Prometheus sample: a value at a millisecond timestamp. Used both for samples read back by
 * {@link PrometheusClient#query} and for samples pushed with {@link PrometheusClient#remoteWrite}.
 */
public record Sample(long timestampMillis, double value) {

    public static Sample at(Instant timestamp, double value) {
        return new Sample(timestamp.toEpochMilli(), value);
    }

    public Instant timestamp() {
        return Instant.ofEpochMilli(timestampMillis);
    }
}
