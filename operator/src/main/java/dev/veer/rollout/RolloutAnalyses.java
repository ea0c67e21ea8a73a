package dev.veer.rollout;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.veer.analysis.AnalysisOutcome;
import dev.veer.analysis.AnalysisRunner;
import dev.veer.analysis.AnalysisVerdict;
import dev.veer.analysis.RolloutContext;
import dev.veer.api.AnalysisRunStatus;
import dev.veer.api.AnalysisSpec;
import dev.veer.api.ServiceRollout;
import dev.veer.rollout.plan.AnalysisRuns;

/**
 * Measures, before a pass is planned, the analysis runs of a rollout that are still undecided: the runs the planner
 * started in {@code status.analysisRuns}, each judging the slot and revision it names. A decided run is not measured
 * again; a run whose analysis is no longer in the spec is left to the planner.
 */
@Singleton
public class RolloutAnalyses {

    private final AnalysisRunner runner;

    public RolloutAnalyses(AnalysisRunner runner) {
        this.runner = runner;
    }

    /** The outcomes of the runs that were due, by run name. */
    Map<String, AnalysisOutcome> measure(ServiceRollout rollout) {
        var status = rollout.getStatus();
        if (status == null || status.getAnalysisRuns() == null) {
            return Map.of();
        }
        Map<String, AnalysisOutcome> outcomes = new HashMap<>();
        for (AnalysisRunStatus run : status.getAnalysisRuns()) {
            if (AnalysisVerdict.of(run).isDecided() || run.getSlot() == null || run.getRevision() == null) {
                continue;
            }
            Optional<AnalysisSpec> spec = AnalysisRuns.specOf(rollout.getSpec(), run.getName());
            if (spec.isPresent()) {
                RolloutContext context = new RolloutContext(rollout.getMetadata().getName(),
                        rollout.getMetadata().getNamespace(), run.getSlot(), run.getRevision());
                outcomes.put(run.getName(), runner.run(run.getName(), spec.get(), context, run));
            }
        }
        return outcomes;
    }
}
