package dev.veer.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.veer.api.AnalysisPhase;
import dev.veer.api.MeasurementStatus;
import dev.veer.api.MeasurementVerdict;
import dev.veer.api.MetricRunStatus;

/**
 * The verdict state machine of an analysis run, without I/O: when each metric is due, what a measurement does to a
 * metric, and what the metrics make of the run.
 *
 * <pre>
 *                    measurement recorded
 *                   (counts, last 10 kept)
 *                        +------+
 *                        v      |
 *   (start) ------> [ Running ] -+--- failed       &gt; failureLimit          ---> Failed
 *                                +--- inconclusive &gt; inconclusiveLimit     ---> Inconclusive
 *                                +--- errors in a row &gt; consecutiveErrorLimit ---> Inconclusive (never Successful)
 *                                +--- count reached (errors not counted)   ---> Successful
 *                                     (no count: stays Running, a background analysis)
 * </pre>
 *
 * The limits are checked in that order after each measurement. A metric is first due at the run's start plus its
 * initialDelay, then one interval after its last measurement, until it leaves Running.
 *
 * <p>The run: Failed as soon as a deciding (not dry-run) metric is Failed; else Inconclusive as soon as one is
 * Inconclusive; Successful once all are Successful; Running otherwise. Dry-run metrics are measured and recorded,
 * their own phase included, but never decide; a run of dry-run metrics only succeeds once they have all finished.
 * Once the run is decided, nothing is due any more.
 */
public final class AnalysisStateMachine {

    /** How many measurements of each metric the status keeps. */
    public static final int KEPT_MEASUREMENTS = 10;

    private AnalysisStateMachine() {
    }

    /** A metric that has not been measured yet. */
    public static MetricRunStatus newMetric(MetricRules rules) {
        MetricRunStatus status = new MetricRunStatus();
        status.setName(rules.name());
        status.setPhase(AnalysisPhase.Running);
        status.setDryRun(rules.dryRun() ? Boolean.TRUE : null);
        status.setMessage("not measured yet");
        return status;
    }

    /** When the metric is next due; empty once it has left Running. */
    public static Optional<Instant> dueAt(MetricRules rules, MetricRunStatus status, Instant runStartedAt) {
        if (status.getPhase() != null && status.getPhase() != AnalysisPhase.Running) {
            return Optional.empty();
        }
        List<MeasurementStatus> measurements = status.getMeasurements();
        if (measurements == null || measurements.isEmpty()) {
            return Optional.of(rules.initialDelay().map(runStartedAt::plus).orElse(runStartedAt));
        }
        return Optional.of(Instant.parse(measurements.get(measurements.size() - 1).getTime()).plus(rules.interval()));
    }

    /** Whether the metric is due at {@code now}. */
    public static boolean isDue(MetricRules rules, MetricRunStatus status, Instant runStartedAt, Instant now) {
        return dueAt(rules, status, runStartedAt).filter(due -> !due.isAfter(now)).isPresent();
    }

    /** The metric after one more measurement: counts, kept measurements, phase and message. */
    public static MetricRunStatus record(MetricRules rules, MetricRunStatus before, MeasurementStatus measurement) {
        MetricRunStatus after = copy(before);
        after.setDryRun(rules.dryRun() ? Boolean.TRUE : null);
        switch (measurement.getVerdict()) {
            case Successful -> after.setSuccessful(after.getSuccessful() + 1);
            case Failed -> after.setFailed(after.getFailed() + 1);
            case Inconclusive -> after.setInconclusive(after.getInconclusive() + 1);
            case Error -> after.setErrors(after.getErrors() + 1);
        }
        after.setConsecutiveErrors(measurement.getVerdict() == MeasurementVerdict.Error
                ? after.getConsecutiveErrors() + 1 : 0);
        List<MeasurementStatus> kept = new ArrayList<>(after.getMeasurements());
        kept.add(measurement);
        after.setMeasurements(List.copyOf(kept.subList(Math.max(0, kept.size() - KEPT_MEASUREMENTS), kept.size())));
        decide(rules, after, measurement);
        return after;
    }

    private static void decide(MetricRules rules, MetricRunStatus metric, MeasurementStatus last) {
        String lastSeen = "; last: " + last.getMessage();
        String dryRun = rules.dryRun() ? " (dry run: does not decide)" : "";
        int measured = metric.getSuccessful() + metric.getFailed() + metric.getInconclusive();
        if (metric.getFailed() > rules.failureLimit()) {
            metric.setPhase(AnalysisPhase.Failed);
            metric.setMessage(metric.getFailed() + " failed measurement(s), more than failureLimit "
                    + rules.failureLimit() + lastSeen + dryRun);
        } else if (metric.getInconclusive() > rules.inconclusiveLimit()) {
            metric.setPhase(AnalysisPhase.Inconclusive);
            metric.setMessage(metric.getInconclusive() + " inconclusive measurement(s), more than inconclusiveLimit "
                    + rules.inconclusiveLimit() + lastSeen + dryRun);
        } else if (metric.getConsecutiveErrors() > rules.consecutiveErrorLimit()) {
            metric.setPhase(AnalysisPhase.Inconclusive);
            metric.setMessage(metric.getConsecutiveErrors() + " measurement errors in a row, more than "
                    + "consecutiveErrorLimit " + rules.consecutiveErrorLimit() + lastSeen + dryRun);
        } else if (rules.count().isPresent() && measured >= rules.count().getAsInt()) {
            metric.setPhase(AnalysisPhase.Successful);
            metric.setMessage(measured + " of " + rules.count().getAsInt() + " measurements done ("
                    + metric.getSuccessful() + " successful, " + metric.getFailed() + " failed, "
                    + metric.getInconclusive() + " inconclusive)" + lastSeen + dryRun);
        } else {
            metric.setPhase(AnalysisPhase.Running);
            metric.setMessage(rules.count().isPresent()
                    ? measured + " of " + rules.count().getAsInt() + " measurements done" + lastSeen + dryRun
                    : measured + " measurement(s) done, measuring until stopped" + lastSeen + dryRun);
        }
    }

    /** The run's verdict from its metrics (in spec order): phase, and the message of the metric that decided. */
    public static RunDecision decideRun(List<MetricRunStatus> metrics) {
        List<MetricRunStatus> deciding = metrics.stream().filter(m -> !Boolean.TRUE.equals(m.getDryRun())).toList();
        for (AnalysisPhase decisive : List.of(AnalysisPhase.Failed, AnalysisPhase.Inconclusive)) {
            Optional<MetricRunStatus> decider = deciding.stream().filter(m -> m.getPhase() == decisive).findFirst();
            if (decider.isPresent()) {
                return new RunDecision(decisive, "metric " + decider.get().getName() + " "
                        + decisive.name().toLowerCase() + ": " + decider.get().getMessage());
            }
        }
        if (deciding.isEmpty() && metrics.stream().noneMatch(m -> m.getPhase() == AnalysisPhase.Running)) {
            return new RunDecision(AnalysisPhase.Successful, "only dry-run metrics, all done: " + summary(metrics));
        }
        if (!deciding.isEmpty() && deciding.stream().allMatch(m -> m.getPhase() == AnalysisPhase.Successful)) {
            return new RunDecision(AnalysisPhase.Successful, "all metrics successful: " + summary(deciding));
        }
        return new RunDecision(AnalysisPhase.Running, "measuring: " + summary(metrics.stream()
                .filter(m -> m.getPhase() == AnalysisPhase.Running).toList()));
    }

    /** A run's phase and why. */
    public record RunDecision(AnalysisPhase phase, String message) {
    }

    private static String summary(List<MetricRunStatus> metrics) {
        List<String> parts = new ArrayList<>();
        for (MetricRunStatus metric : metrics) {
            List<MeasurementStatus> measurements = metric.getMeasurements();
            String last = measurements == null || measurements.isEmpty() ? "not measured yet"
                    : lastValue(measurements.get(measurements.size() - 1));
            parts.add(metric.getName() + " " + last);
        }
        return String.join(", ", parts);
    }

    private static String lastValue(MeasurementStatus measurement) {
        return measurement.getVerdict() == MeasurementVerdict.Error ? "error"
                : measurement.getValue() + " (" + measurement.getVerdict().name().toLowerCase() + ")";
    }

    static MetricRunStatus copy(MetricRunStatus source) {
        MetricRunStatus copy = new MetricRunStatus();
        copy.setName(source.getName());
        copy.setPhase(source.getPhase());
        copy.setMessage(source.getMessage());
        copy.setDryRun(source.getDryRun());
        copy.setSuccessful(source.getSuccessful());
        copy.setFailed(source.getFailed());
        copy.setInconclusive(source.getInconclusive());
        copy.setErrors(source.getErrors());
        copy.setConsecutiveErrors(source.getConsecutiveErrors());
        copy.setMeasurements(source.getMeasurements() == null ? List.of() : List.copyOf(source.getMeasurements()));
        return copy;
    }
}
