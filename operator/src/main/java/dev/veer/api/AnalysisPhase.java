package dev.veer.api;

/** Where an analysis run, or one metric of it, stands. Every phase but Running and Error is final. */
public enum AnalysisPhase {
    /** Measurements continue: no limit exceeded, and not all counts reached (or no count: a background analysis). */
    Running,
    /** Every deciding metric took its count of measurements without exceeding a limit. */
    Successful,
    /** A deciding metric had more failed measurements than its failureLimit. */
    Failed,
    /**
     * A deciding metric had more inconclusive measurements than its inconclusiveLimit, or more errors in a row than
     * its consecutiveErrorLimit: the analysis cannot tell, and a person should decide.
     */
    Inconclusive,
    /**
     * The analysis cannot run as specified (a HealthCheck or an argument is missing, a condition does not compile).
     * Nothing is measured; the run resumes once the spec or the HealthCheck is fixed.
     */
    Error
}
