package dev.veer.api;

/** The verdict of one measurement of a metric. */
public enum MeasurementVerdict {
    /** The result met the successCondition (or did not meet the failureCondition). */
    Successful,
    /** The result met the failureCondition (or did not meet the successCondition), or had no data with noData: Fail. */
    Failed,
    /** Neither condition held, or the query returned no data (noData: Inconclusive). */
    Inconclusive,
    /** No result: the provider could not be reached or answered an error, or a condition could not be evaluated. */
    Error
}
