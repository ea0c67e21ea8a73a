package dev.veer.analysis;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.veer.api.AnalysisPhase;
import dev.veer.api.AnalysisRunStatus;
import dev.veer.api.AnalysisSpec;
import dev.veer.api.MeasurementStatus;
import dev.veer.api.MeasurementVerdict;
import dev.veer.api.MetricRunStatus;

/**
 * The seam between the rollout reconciler and health analysis: takes the measurements of one analysis run that are
 * due, and returns the run's next status and when to come back. All decisions are {@link AnalysisStateMachine}'s;
 * this class does the I/O (HealthChecks, Secrets, Prometheus) around them.
 *
 * <h2>How the reconciler calls it</h2>
 * Each pass, <em>before</em> planning, for every analysis the rollout's current stage runs (the current canary
 * step's {@code analysis}, the background {@code analysis} while the canary runs, blue-green's
 * {@code prePromotionAnalysis} while the preview waits, {@code postPromotionAnalysis} after the switch):
 *
 * <pre>
 * AnalysisRunStatus previous = status.analysisRun("step-2");          // null: the run starts now
 * AnalysisOutcome outcome = runner.run("step-2", step.getAnalysis(),
 *         new RolloutContext(name, namespace, canarySlot, canaryRevision), previous);
 * </pre>
 *
 * and hands the outcomes to the planner (in {@code Observed}). The planner, still pure, copies
 * {@code outcome.status()} into the next status, reads {@code outcome.verdict()} ({@link AnalysisVerdict}: complete
 * the step on Successful, abort with the deciding message on Failed, hold on Inconclusive, InvalidSpec on Error) and
 * requeues at {@code outcome.nextDueAt()}, so no polling loop is needed. A new step, a new revision or a retry starts
 * a new run: the planner drops the old entry, and the next pass passes {@code previous = null}. A decided run is
 * returned unchanged and measures nothing, so calling again is harmless.
 *
 * <p>The reconciler's pass blocks while the due queries run: each is bounded by its metric's timeout (10 s by
 * default). The operator needs RBAC to get HealthChecks ({@code veer.dev}) and Secrets (core) in the rollout's
 * namespace.
 */
public final class AnalysisRunner {

    private static final Logger LOG = Logger.getLogger(AnalysisRunner.class);

    private final AnalysisResolver resolver;
    private final MetricProvider provider;
    private final AnalysisMetrics metrics;
    private final Clock clock;

    public AnalysisRunner(AnalysisResolver resolver, MetricProvider provider, AnalysisMetrics metrics, Clock clock) {
        this.resolver = resolver;
        this.provider = provider;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Takes the measurements of the run that are due now and returns its next status.
     *
     * @param name the run's name, kept in its status (for example {@code background} or {@code step-2})
     * @param spec the analysis block
     * @param context the rollout and the slot and revision being judged
     * @param previous the run's status from the last pass, or null to start the run now
     */
    public AnalysisOutcome run(String name, AnalysisSpec spec, RolloutContext context, AnalysisRunStatus previous) {
        Instant now = clock.instant();
        AnalysisRunStatus run = previous == null ? start(now) : copy(previous, now);
        run.setName(name);
        if (AnalysisVerdict.of(run).isDecided()) {
            return new AnalysisOutcome(run, Optional.empty());
        }
        List<ResolvedMetric> resolved;
        try {
            resolved = resolver.resolve(spec, context);
        } catch (InvalidAnalysisException e) {
            run.setPhase(AnalysisPhase.Error);
            run.setMessage(e.getMessage());
            return new AnalysisOutcome(run, Optional.empty());
        }
        Instant startedAt = Instant.parse(run.getStartedAt());
        Map<String, MetricRunStatus> before = run.getMetrics().stream()
                .collect(Collectors.toMap(MetricRunStatus::getName, Function.identity(), (a, b) -> b));
        List<MetricRunStatus> after = new ArrayList<>();
        for (ResolvedMetric metric : resolved) {
            MetricRunStatus status = Optional.ofNullable(before.get(metric.name()))
                    .orElseGet(() -> AnalysisStateMachine.newMetric(metric.rules()));
            if (AnalysisStateMachine.isDue(metric.rules(), status, startedAt, now)) {
                status = AnalysisStateMachine.record(metric.rules(), status, measure(metric, context, now));
            }
            after.add(status);
        }
        var decision = AnalysisStateMachine.decideRun(after);
        run.setMetrics(after);
        run.setPhase(decision.phase());
        run.setMessage(decision.message());
        return new AnalysisOutcome(run, decision.phase() == AnalysisPhase.Running
                ? nextDue(resolved, after, startedAt) : Optional.empty());
    }

    private MeasurementStatus measure(ResolvedMetric metric, RolloutContext context, Instant now) {
        MetricValue value;
        try {
            value = provider.measure(metric, context.namespace());
        } catch (MeasurementException e) {
            metrics.measured(context, metric.name(), MeasurementVerdict.Error, MetricValue.empty());
            LOG.debugf("%s/%s metric %s: measurement error: %s", context.namespace(), context.rollout(),
                    metric.name(), e.getMessage());
            return new MeasurementStatus(MeasurementVerdict.Error, null, now.toString(), e.getMessage());
        }
        var judgement = MeasurementJudge.judge(metric, value);
        metrics.measured(context, metric.name(), judgement.verdict(), value);
        LOG.debugf("%s/%s metric %s: %s", context.namespace(), context.rollout(), metric.name(),
                judgement.message());
        return new MeasurementStatus(judgement.verdict(), value.text(), now.toString(), judgement.message());
    }

    private static Optional<Instant> nextDue(List<ResolvedMetric> resolved, List<MetricRunStatus> statuses,
            Instant startedAt) {
        Optional<Instant> next = Optional.empty();
        for (int i = 0; i < resolved.size(); i++) {
            Optional<Instant> due = AnalysisStateMachine.dueAt(resolved.get(i).rules(), statuses.get(i), startedAt);
            if (due.isPresent() && (next.isEmpty() || due.get().isBefore(next.get()))) {
                next = due;
            }
        }
        return next;
    }

    private static AnalysisRunStatus start(Instant now) {
        AnalysisRunStatus run = new AnalysisRunStatus();
        run.setPhase(AnalysisPhase.Running);
        run.setStartedAt(now.toString());
        run.setMessage("started");
        return run;
    }

    private static AnalysisRunStatus copy(AnalysisRunStatus previous, Instant now) {
        AnalysisRunStatus run = new AnalysisRunStatus();
        run.setName(previous.getName());
        run.setRevision(previous.getRevision());
        run.setSlot(previous.getSlot());
        run.setPhase(previous.getPhase());
        run.setMessage(previous.getMessage());
        run.setStartedAt(previous.getStartedAt() == null ? now.toString() : previous.getStartedAt());
        run.setMetrics(previous.getMetrics() == null ? List.of()
                : previous.getMetrics().stream().map(AnalysisStateMachine::copy).toList());
        return run;
    }
}
