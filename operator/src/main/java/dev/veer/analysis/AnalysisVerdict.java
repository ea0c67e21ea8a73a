package dev.veer.analysis;

import dev.veer.api.AnalysisPhase;
import dev.veer.api.AnalysisRunStatus;

/**
 * What the rollout planner reads of an analysis run: a pure view of its status, no I/O.
 *
 * <ul>
 * <li>{@link AnalysisPhase#Running}: keep waiting (a step analysis) or keep going (a background analysis).</li>
 * <li>{@link AnalysisPhase#Successful}: the step may complete; the promotion may proceed.</li>
 * <li>{@link AnalysisPhase#Failed}: abort and roll back; {@link #decidingMessage()} names the metric and value.</li>
 * <li>{@link AnalysisPhase#Inconclusive}: the analysis cannot tell; hold the rollout (pause) for a person to decide,
 * never promote.</li>
 * <li>{@link AnalysisPhase#Error}: the analysis cannot run as specified: report InvalidSpec with the message; no
 * promotion.</li>
 * </ul>
 *
 * @param name the run's name, as given to {@link AnalysisRunner#run}
 * @param phase the run's phase; Running for a run that has not started
 * @param decidingMessage why the run is in its phase: for a decided run, the metric and value that decided
 */
public record AnalysisVerdict(String name, AnalysisPhase phase, String decidingMessage) {

    /** The verdict recorded in a run's status; a missing status or phase reads as Running. */
    public static AnalysisVerdict of(AnalysisRunStatus run) {
        if (run == null) {
            return new AnalysisVerdict(null, AnalysisPhase.Running, "not started");
        }
        return new AnalysisVerdict(run.getName(), run.getPhase() == null ? AnalysisPhase.Running : run.getPhase(),
                run.getMessage() == null ? "" : run.getMessage());
    }

    /** Successful, Failed or Inconclusive: nothing more will be measured, and the verdict will not change. */
    public boolean isDecided() {
        return phase == AnalysisPhase.Successful || phase == AnalysisPhase.Failed
                || phase == AnalysisPhase.Inconclusive;
    }

    public boolean isSuccessful() {
        return phase == AnalysisPhase.Successful;
    }

    public boolean isFailed() {
        return phase == AnalysisPhase.Failed;
    }

    public boolean isInconclusive() {
        return phase == AnalysisPhase.Inconclusive;
    }

    /** The analysis cannot run as specified (InvalidSpec material). */
    public boolean isInvalid() {
        return phase == AnalysisPhase.Error;
    }
}
