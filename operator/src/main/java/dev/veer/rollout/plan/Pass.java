package dev.veer.rollout.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.veer.analysis.AnalysisOutcome;
import dev.veer.analysis.AnalysisVerdict;
import dev.veer.api.AnalysisPhase;
import dev.veer.api.AnalysisRunStatus;
import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.api.ServiceRollout;
import dev.veer.api.ServiceRolloutSpec;
import dev.veer.api.ServiceRolloutStatus;
import dev.veer.api.Slot;
import dev.veer.common.Conditions;
import dev.veer.rollout.model.RolloutObjects;

/**
 * One planning pass in the making: the next status (a copy of the current one), the actions and events decided so
 * far, the user's pending action, and the phase with its reason. {@link #finish()} turns it into a {@link Plan}, and
 * derives the conditions from the phase in one place.
 */
final class Pass {

    private static final ObjectMapper COPIER = JsonMapper.builder().findAndAddModules().build();
    /** How soon an analysis that cannot run (a missing HealthCheck, say) is tried again. */
    static final Duration ANALYSIS_RETRY = Duration.ofSeconds(10);

    private final ServiceRollout rollout;
    private final Observed observed;
    private final Instant now;
    private final ServiceRolloutStatus status;
    private final List<Action> actions = new ArrayList<>();
    private final List<RolloutEvent> events = new ArrayList<>();
    private final Optional<String> rawAction;
    private final Optional<UserAction> pendingAction;
    private boolean actionConsumed;
    private Instant requeueAt;
    private RolloutPhase phase = RolloutPhase.Progressing;
    private String reason = RolloutConditions.STEP_RUNNING;
    private String message;
    private Optional<SpecCheck.Problem> invalidSpec = Optional.empty();
    private Integer recordedRevision;
    private String rolledBack;

    Pass(ServiceRollout rollout, Observed observed, Optional<String> rawAction, Instant now) {
        this.rollout = rollout;
        this.observed = observed;
        this.now = now;
        this.rawAction = rawAction.filter(a -> !a.isBlank());
        this.pendingAction = this.rawAction.flatMap(UserAction::parse);
        this.status = rollout.getStatus() == null || rollout.getStatus().getStage() == null ? initialStatus(now)
                : COPIER.convertValue(rollout.getStatus(), ServiceRolloutStatus.class);
        if (this.rawAction.isPresent() && pendingAction.isEmpty()) {
            actionConsumed = true;
            events.add(RolloutEvent.warning("UnknownAction", "veer.dev/action '" + this.rawAction.get()
                    + "' is not one of promote, promote-full, abort, retry; ignored"));
        }
        mergeMeasuredAnalyses();
    }

    /** Takes the runs the reconciler measured before this pass into the status, with an event per new verdict. */
    private void mergeMeasuredAnalyses() {
        List<AnalysisRunStatus> runs = status.getAnalysisRuns();
        if (runs == null) {
            return;
        }
        for (int i = 0; i < runs.size(); i++) {
            AnalysisRunStatus before = runs.get(i);
            Optional<AnalysisOutcome> outcome = measured(before);
            if (outcome.isEmpty()) {
                continue;
            }
            AnalysisRunStatus after = outcome.get().status();
            runs.set(i, after);
            if (before.getPhase() != after.getPhase() && after.getPhase() != AnalysisPhase.Running) {
                String message = "analysis " + after.getName() + " of revision " + after.getRevision() + ": "
                        + after.getMessage();
                events.add(after.getPhase() == AnalysisPhase.Successful
                        ? RolloutEvent.normal("AnalysisSuccessful", message)
                        : RolloutEvent.warning("Analysis" + after.getPhase().name(), message));
            }
        }
    }

    private static ServiceRolloutStatus initialStatus(Instant now) {
        ServiceRolloutStatus status = new ServiceRolloutStatus();
        status.setStage(RolloutStage.Deploying);
        status.setActiveSlot(Slot.BLUE);
        status.setCurrentStepIndex(0);
        status.setStepStartedAt(now.toString());
        return status;
    }

    // --- what handlers read

    RolloutStage stage() {
        return status.getStage();
    }

    ServiceRolloutStatus status() {
        return status;
    }

    ServiceRolloutSpec spec() {
        return rollout.getSpec();
    }

    Observed observed() {
        return observed;
    }

    Instant now() {
        return now;
    }

    String desiredHash() {
        return observed.desiredTemplateHash();
    }

    String routerName() {
        return observed.routerName();
    }

    int replicas() {
        return spec().getReplicas();
    }

    boolean isCanary() {
        return spec().getStrategy().getCanary() != null;
    }

    boolean previewService() {
        return spec().getStrategy().getBlueGreen() != null
                && spec().getStrategy().getBlueGreen().getPreviewService() != null;
    }

    CanarySteps steps() {
        return new CanarySteps(isCanary() ? spec().getStrategy().getCanary().getSteps() : List.of());
    }

    int scaleDownDelaySeconds() {
        Integer delay = isCanary() ? spec().getStrategy().getCanary().getScaleDownDelaySeconds()
                : spec().getStrategy().getBlueGreen().getScaleDownDelaySeconds();
        return delay == null ? 0 : delay;
    }

    Instant stepStartedAt() {
        return status.getStepStartedAt() == null ? now : Instant.parse(status.getStepStartedAt());
    }

    Instant deadline() {
        return stepStartedAt().plusSeconds(spec().getProgressDeadlineSeconds());
    }

    boolean deadlinePassed() {
        return !now.isBefore(deadline());
    }

    /**
     * The revision of the desired pod template: its snapshot's, or the next number, with an action to record the
     * snapshot (before the status that names it is written).
     */
    int desiredRevision() {
        var existing = observed.history().byHash(desiredHash());
        if (existing.isPresent()) {
            return existing.get().revision();
        }
        if (recordedRevision == null) {
            recordedRevision = Math.max(observed.history().maxRevision(), Math.max(orZero(status.getStableRevision()),
                    orZero(status.getCanaryRevision()))) + 1;
            actions.add(new Action.RecordSnapshot(recordedRevision));
        }
        return recordedRevision;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /**
     * The verdict of the named analysis of {@code revision}, judging {@code slot}; starts the run (measured from the
     * next pass on) when there is none yet.
     */
    AnalysisVerdict analysis(String name, Slot slot, int revision) {
        Optional<AnalysisRunStatus> run = analysisRun(name, revision);
        if (run.isPresent()) {
            return AnalysisVerdict.of(run.get());
        }
        AnalysisRunStatus started = new AnalysisRunStatus();
        started.setName(name);
        started.setRevision(revision);
        started.setSlot(slot);
        started.setPhase(AnalysisPhase.Running);
        started.setStartedAt(now.toString());
        started.setMessage("started");
        if (status.getAnalysisRuns() == null) {
            status.setAnalysisRuns(new ArrayList<>());
        }
        status.getAnalysisRuns().removeIf(r -> name.equals(r.getName()));
        status.getAnalysisRuns().add(started);
        events.add(RolloutEvent.normal("AnalysisStarted", "analysis " + name + " of revision " + revision
                + " started on slot " + slot.label()));
        return AnalysisVerdict.of(started);
    }

    /** The verdict of the named analysis of {@code revision}, if it has started; starts nothing. */
    Optional<AnalysisVerdict> startedAnalysis(String name, int revision) {
        return analysisRun(name, revision).map(AnalysisVerdict::of);
    }

    private Optional<AnalysisRunStatus> analysisRun(String name, int revision) {
        return status.getAnalysisRuns() == null ? Optional.empty()
                : status.getAnalysisRuns().stream()
                        .filter(r -> name.equals(r.getName()) && Objects.equals(r.getRevision(), revision))
                        .findFirst();
    }

    /** Forgets the named run, so that the next {@link #analysis} starts it again. */
    void restartAnalysis(String name) {
        if (status.getAnalysisRuns() != null) {
            status.getAnalysisRuns().removeIf(r -> name.equals(r.getName()));
        }
    }

    /** Stops the runs that are still measuring; decided runs stay in the status as the record of the revision. */
    void endAnalyses() {
        if (status.getAnalysisRuns() != null) {
            status.getAnalysisRuns().removeIf(r -> !AnalysisVerdict.of(r).isDecided());
            if (status.getAnalysisRuns().isEmpty()) {
                status.setAnalysisRuns(null);
            }
        }
    }

    /** A new revision, or a retry: no run of before counts. */
    void clearAnalyses() {
        status.setAnalysisRuns(null);
    }

    String waitingForPodsMessage(Slot slot, int replicas) {
        SlotObservation slotState = observed.slot(slot);
        return "waiting for " + replicas + " pod(s) in slot " + slot.label() + " to be ready (" + slotState
                .readyReplicas() + " ready)";
    }

    // --- what handlers decide

    void act(Action action) {
        actions.add(action);
    }

    void event(RolloutEvent event) {
        events.add(event);
    }

    /** Consumes the user's pending action if it is this one. */
    boolean take(UserAction action) {
        if (!actionConsumed && pendingAction.filter(action::equals).isPresent()) {
            actionConsumed = true;
            events.add(RolloutEvent.normal("ActionTaken", "veer.dev/action '" + action.value() + "' taken"));
            return true;
        }
        return false;
    }

    /**
     * The reason and message of an abort the pending action asks for: {@code AlertFiring} with the alert's account
     * when the Alertmanager receiver gave it, otherwise an abort by the user.
     */
    AbortCause abortCause() {
        var annotations = rollout.getMetadata().getAnnotations();
        if (annotations != null && RolloutConditions.ALERT_FIRING.equals(annotations.get(dev.veer.common.Labels.ACTION_REASON))) {
            return new AbortCause(RolloutConditions.ALERT_FIRING, Objects.requireNonNullElse(
                    annotations.get(dev.veer.common.Labels.ACTION_MESSAGE), "an alert fired"));
        }
        return new AbortCause(RolloutConditions.ABORTED_BY_USER, "aborted by the user");
    }

    record AbortCause(String reason, String message) {
    }

    /** Consumes the user's pending action if it is this one, telling why it does not apply now. */
    void decline(UserAction action, String why) {
        if (!actionConsumed && pendingAction.filter(action::equals).isPresent()) {
            actionConsumed = true;
            events.add(RolloutEvent.warning("ActionIgnored", "veer.dev/action '" + action.value() + "' ignored: "
                    + why));
        }
    }

    /** All traffic is verified back on the stable version after an abort with this reason. */
    void rolledBack(String reason) {
        rolledBack = reason;
    }

    void phase(RolloutPhase phase, String reason, String message) {
        this.phase = phase;
        this.reason = reason;
        this.message = message;
    }

    void requeueAt(Instant at) {
        if (requeueAt == null || at.isBefore(requeueAt)) {
            requeueAt = at;
        }
    }

    void invalidSpec(SpecCheck.Problem problem) {
        invalidSpec = Optional.of(problem);
        phase(RolloutPhase.Degraded, problem.reason(), "invalid spec: " + problem.message());
    }

    void validSpec() {
        invalidSpec = Optional.empty();
    }

    private void templateInSync(List<io.fabric8.kubernetes.api.model.Condition> conditions, Long generation) {
        boolean inSync = observed.rollbackTo().isEmpty() || desiredHash().equals(observed.specTemplateHash());
        String message = "";
        if (!inSync) {
            String spec = observed.history().byHash(observed.specTemplateHash())
                    .map(s -> "revision " + s.revision()).orElse("a version not recorded yet");
            message = "running revision " + observed.rollbackTo().get() + " from spec.rollbackTo; spec.template ("
                    + spec + ") is not running. Remove spec.rollbackTo to roll spec.template out.";
        }
        Conditions.set(conditions, RolloutConditions.TEMPLATE_IN_SYNC, inSync,
                inSync ? RolloutConditions.IN_SYNC : RolloutConditions.ROLLED_BACK, message, generation, now);
    }

    Plan finish() {
        if (rawAction.isPresent() && !actionConsumed) {
            actionConsumed = true;
            events.add(RolloutEvent.warning("ActionIgnored", "veer.dev/action '" + rawAction.get()
                    + "' does not apply while the rollout is " + status.getStage()));
        }
        Long generation = rollout.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        status.setPhase(phase);
        status.setMessage(message);
        status.setReplicas(observed.slot(Slot.BLUE).specReplicas() + observed.slot(Slot.GREEN).specReplicas());
        status.setReadyReplicas(observed.slot(Slot.BLUE).readyReplicas() + observed.slot(Slot.GREEN).readyReplicas());
        status.setSelector(RolloutObjects.selectorString(rollout));
        if (status.getConditions() == null) {
            status.setConditions(new ArrayList<>());
        }
        var conditions = status.getConditions();
        boolean progressing = phase == RolloutPhase.Progressing || phase == RolloutPhase.Paused;
        Conditions.set(conditions, RolloutConditions.READY, phase == RolloutPhase.Healthy,
                phase == RolloutPhase.Healthy ? RolloutConditions.HEALTHY : reason, message, generation, now);
        Conditions.set(conditions, RolloutConditions.PROGRESSING, progressing,
                phase == RolloutPhase.Healthy ? RolloutConditions.ROLLOUT_COMPLETED : reason, message, generation, now);
        Conditions.set(conditions, RolloutConditions.DEGRADED, phase == RolloutPhase.Degraded,
                phase == RolloutPhase.Degraded ? reason : RolloutConditions.NOT_DEGRADED,
                phase == RolloutPhase.Degraded ? message : "", generation, now);
        Conditions.set(conditions, RolloutConditions.INVALID_SPEC, invalidSpec.isPresent(),
                invalidSpec.map(SpecCheck.Problem::reason).orElse(RolloutConditions.VALID),
                invalidSpec.map(SpecCheck.Problem::message).orElse(""), generation, now);
        templateInSync(conditions, generation);
        requeueForAnalyses();
        Optional<Duration> requeue = Optional.ofNullable(requeueAt)
                .map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        return new Plan(List.copyOf(actions), status, List.copyOf(events), actionConsumed, requeue,
                Optional.ofNullable(rolledBack));
    }

    /**
     * Comes back when the next measurement of a running analysis is due; at once for a run started in this pass, so
     * that its first measurement is not late; after a while for a run that cannot run as specified.
     */
    private void requeueForAnalyses() {
        if (status.getAnalysisRuns() == null) {
            return;
        }
        for (AnalysisRunStatus run : status.getAnalysisRuns()) {
            if (run.getPhase() == AnalysisPhase.Error) {
                requeueAt(now.plus(ANALYSIS_RETRY));
            } else if (run.getPhase() == AnalysisPhase.Running) {
                requeueAt(measured(run).map(o -> o.nextDueAt().orElse(now.plus(ANALYSIS_RETRY))).orElse(now));
            }
        }
    }

    /** What the reconciler measured of this run before the pass: an outcome of the same name and revision. */
    private Optional<AnalysisOutcome> measured(AnalysisRunStatus run) {
        return Optional.ofNullable(observed.analyses().get(run.getName()))
                .filter(o -> Objects.equals(o.status().getRevision(), run.getRevision()));
    }
}
