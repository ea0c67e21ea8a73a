package dev.veer.api;

/** What a measurement whose query returned no samples means. */
public enum NoDataPolicy {
    /** No samples: the measurement is inconclusive (the default). */
    Inconclusive,
    /** No samples: the measurement failed. */
    Fail
}
