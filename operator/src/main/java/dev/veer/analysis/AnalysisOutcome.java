package dev.veer.analysis;

import java.time.Instant;
import java.util.Optional;

import dev.veer.api.AnalysisRunStatus;

/**
 * What one call of {@link AnalysisRunner#run} gives back: the run's status to write into the rollout's status, and
 * when the next measurement is due (empty once the run is decided, or while it cannot run as specified).
 */
public record AnalysisOutcome(AnalysisRunStatus status, Optional<Instant> nextDueAt) {

    public AnalysisVerdict verdict() {
        return AnalysisVerdict.of(status);
    }
}
