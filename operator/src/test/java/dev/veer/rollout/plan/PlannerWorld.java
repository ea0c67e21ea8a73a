package dev.veer.rollout.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.veer.analysis.AnalysisOutcome;
import dev.veer.analysis.AnalysisVerdict;
import dev.veer.api.AnalysisPhase;
import dev.veer.api.AnalysisRunStatus;
import dev.veer.api.HeaderMatch;
import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.ContentHash;
import dev.veer.rollout.plan.Action.ApplyServices;
import dev.veer.rollout.plan.Action.DeploySlot;
import dev.veer.rollout.plan.Action.ResetRoute;
import dev.veer.rollout.plan.Action.ScaleSlot;
import dev.veer.rollout.plan.Action.SetRoute;
import dev.veer.rollout.traffic.RouteState;
import dev.veer.snapshot.SnapshotHistory;
import dev.veer.snapshot.SnapshotRecord;

/**
 * An in-memory cluster for planner tests: applies a plan's actions to two slots and a router, with pods that become
 * ready at once unless a template is marked broken, and a clock the test moves. Each {@link #pass()} plans against
 * the world as it is, applies the actions and keeps the status, as the reconciler does.
 */
final class PlannerWorld {

    final ServiceRollout rollout;
    final boolean splitsByReplicas;
    final boolean headerRoutes;
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final Map<Slot, SlotState> slots = new EnumMap<>(Slot.class);
    int routeWeight;
    List<HeaderMatch> routeHeaders = List.of();
    /** When false, the router accepts writes but reads back the old weight (a data plane lagging behind). */
    boolean routerApplies = true;
    final Set<String> brokenTemplates = new HashSet<>();
    final List<Action> log = new ArrayList<>();
    final List<RolloutEvent> events = new ArrayList<>();
    Plan last;
    Optional<String> pendingAction = Optional.empty();
    /**
     * What the analyses find, by run name: the phase a run takes at its next measurement. A run without an entry
     * keeps running. Each measurement is counted in {@link #measurements}.
     */
    final Map<String, AnalysisPhase> analysisResults = new HashMap<>();
    final Map<String, Integer> measurements = new HashMap<>();
    final List<String> rollbacks = new ArrayList<>();

    static final class SlotState {
        String hash;
        int replicas;
        int ready;
    }

    PlannerWorld(ServiceRollout rollout, boolean splitsByReplicas, boolean headerRoutes) {
        this.rollout = rollout;
        this.splitsByReplicas = splitsByReplicas;
        this.headerRoutes = headerRoutes;
    }

    /** The world's snapshots by revision. */
    final Map<Integer, SnapshotRecord> snapshots = new TreeMap<>();
    Optional<Integer> rollbackTo = Optional.empty();

    String specHash() {
        return ContentHash.of(rollout.getSpec().getTemplate());
    }

    /** As the reconciler resolves it: the snapshot spec.rollbackTo names, else spec.template. */
    String desiredHash() {
        return rollbackTo.map(snapshots::get).map(SnapshotRecord::contentHash).orElse(specHash());
    }

    Observed observed() {
        Map<Slot, SlotObservation> observed = new EnumMap<>(Slot.class);
        slots.forEach((slot, state) -> observed.put(slot, new SlotObservation(true, Optional.ofNullable(state.hash),
                state.replicas, state.ready, state.replicas, true)));
        return new Observed(desiredHash(), observed, routeState(), "test", splitsByReplicas, headerRoutes,
                new SnapshotHistory(new ArrayList<>(snapshots.values())), specHash(), rollbackTo, measureAnalyses());
    }

    /** As the reconciler does before planning: measures the runs that are not decided. */
    private Map<String, AnalysisOutcome> measureAnalyses() {
        Map<String, AnalysisOutcome> outcomes = new HashMap<>();
        if (rollout.getStatus() == null || rollout.getStatus().getAnalysisRuns() == null) {
            return outcomes;
        }
        for (AnalysisRunStatus run : rollout.getStatus().getAnalysisRuns()) {
            if (AnalysisVerdict.of(run).isDecided()) {
                continue;
            }
            measurements.merge(run.getName(), 1, Integer::sum);
            AnalysisRunStatus next = new AnalysisRunStatus();
            next.setName(run.getName());
            next.setRevision(run.getRevision());
            next.setSlot(run.getSlot());
            next.setStartedAt(run.getStartedAt());
            AnalysisPhase phase = analysisResults.getOrDefault(run.getName(), AnalysisPhase.Running);
            next.setPhase(phase);
            next.setMessage("metric error-rate: " + phase);
            outcomes.put(run.getName(), new AnalysisOutcome(next, phase == AnalysisPhase.Running
                    ? Optional.of(now.plusSeconds(30)) : Optional.empty()));
        }
        return outcomes;
    }

    /** The named run in the status, if any. */
    Optional<AnalysisRunStatus> analysisRun(String name) {
        var runs = rollout.getStatus() == null ? null : rollout.getStatus().getAnalysisRuns();
        return runs == null ? Optional.empty() : runs.stream().filter(r -> r.getName().equals(name)).findFirst();
    }

    private RouteState routeState() {
        if (!splitsByReplicas) {
            return RouteState.of(routeWeight, routeHeaders);
        }
        if (routeWeight == 0 || routeWeight == 100) {
            return RouteState.of(routeWeight, List.of());
        }
        Slot stable = rollout.getStatus() == null ? Slot.BLUE : rollout.getStatus().getActiveSlot();
        int canaryReady = slots.containsKey(stable.other()) ? slots.get(stable.other()).ready : 0;
        int stableReady = slots.containsKey(stable) ? slots.get(stable).ready : 0;
        int total = canaryReady + stableReady;
        return RouteState.of(total == 0 ? 0 : Math.round(100f * canaryReady / total), List.of());
    }

    Plan pass() {
        last = RolloutPlanner.plan(rollout, observed(), pendingAction, now);
        for (Action action : last.actions()) {
            apply(action);
        }
        if (last.actionConsumed()) {
            pendingAction = Optional.empty();
        }
        events.addAll(last.events());
        last.rolledBack().ifPresent(rollbacks::add);
        rollout.setStatus(last.status());
        settlePods();
        return last;
    }

    /** Runs passes until nothing changes any more (or a bound is hit), moving the clock by {@code tick} each time. */
    void settle(Duration tick) {
        for (int i = 0; i < 200; i++) {
            String before = snapshot();
            pass();
            if (snapshot().equals(before)) {
                return;
            }
            now = now.plus(tick);
        }
        throw new AssertionError("the rollout never settled: " + rollout.getStatus().getMessage());
    }

    private String snapshot() {
        if (rollout.getStatus() == null) {
            return "";
        }
        return String.valueOf(rollout.getStatus().getStage()) + rollout.getStatus().getCurrentStepIndex()
                + rollout.getStatus().getCanaryWeight() + rollout.getStatus().getPhase() + routeWeight + slotsText()
                + rollout.getStatus().getMessage();
    }

    private String slotsText() {
        StringBuilder text = new StringBuilder();
        slots.forEach((slot, s) -> text.append(slot).append(s.hash).append(s.replicas).append(s.ready));
        return text.toString();
    }

    private void apply(Action action) {
        log.add(action);
        if (action instanceof DeploySlot deploy) {
            SlotState state = slots.computeIfAbsent(deploy.slot(), s -> new SlotState());
            if (!desiredHash().equals(state.hash)) {
                state.ready = 0;
            }
            state.hash = desiredHash();
            state.replicas = deploy.replicas();
        } else if (action instanceof ScaleSlot scale) {
            SlotState state = slots.get(scale.slot());
            if (state != null) {
                state.replicas = scale.replicas();
                state.ready = Math.min(state.ready, scale.replicas());
            }
        } else if (action instanceof SetRoute route) {
            if (routerApplies) {
                Slot stable = rollout.getStatus() == null ? Slot.BLUE : rollout.getStatus().getActiveSlot();
                routeWeight = route.stableSlot() == stable ? route.weight() : 100 - route.weight();
                routeHeaders = route.headerRoute();
            }
        } else if (action instanceof ResetRoute reset) {
            if (routerApplies) {
                routeWeight = 0;
                routeHeaders = List.of();
            }
        } else if (action instanceof Action.RecordSnapshot record) {
            snapshots.put(record.revision(), new SnapshotRecord("shop-" + desiredHash(), record.revision(),
                    desiredHash(), SnapshotVerdict.Pending));
        } else if (action instanceof Action.SetVerdict verdict) {
            SnapshotRecord old = snapshots.get(verdict.revision());
            snapshots.put(verdict.revision(), new SnapshotRecord(old.name(), old.revision(), old.contentHash(),
                    verdict.verdict()));
        } else if (action instanceof Action.DeleteSnapshot delete) {
            snapshots.values().removeIf(s -> s.name().equals(delete.name()));
        } else if (!(action instanceof ApplyServices)) {
            throw new IllegalStateException("unknown action " + action);
        }
    }

    /** Pods become ready (or not) between passes. */
    private void settlePods() {
        slots.values().forEach(s -> s.ready = brokenTemplates.contains(s.hash) ? 0 : s.replicas);
    }

    int readyOf(Slot slot) {
        return slots.containsKey(slot) ? slots.get(slot).ready : 0;
    }

    int replicasOf(Slot slot) {
        return slots.containsKey(slot) ? slots.get(slot).replicas : 0;
    }

    SnapshotVerdict verdictOf(int revision) {
        return snapshots.get(revision).verdict();
    }

    boolean hadEvent(String reason) {
        return events.stream().anyMatch(e -> e.reason().equals(reason));
    }
}
