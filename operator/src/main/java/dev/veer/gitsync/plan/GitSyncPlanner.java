package dev.veer.gitsync.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.veer.api.GitSync;
import dev.veer.api.GitSyncDrift;
import dev.veer.api.GitSyncError;
import dev.veer.api.GitSyncHistoryEntry;
import dev.veer.api.GitSyncHistoryEntry.Result;
import dev.veer.api.GitSyncObject;
import dev.veer.api.GitSyncStatus;
import dev.veer.common.Conditions;
import dev.veer.common.GoDuration;
import dev.veer.gitsync.plan.DryRunAnswer.DefinitionMissing;
import dev.veer.gitsync.plan.DryRunAnswer.Invalid;
import dev.veer.gitsync.plan.DryRunAnswer.Valid;
import dev.veer.gitsync.plan.GitSyncConditions.Reason;
import dev.veer.gitsync.plan.SourceState.Failed;
import dev.veer.gitsync.plan.SourceState.Fetched;

/**
 * Decides a GitSync pass from what was observed: which objects to apply and prune, and the status. Pure.
 *
 * <pre>
 *  suspended ────────────────────────────────► Reconciling=False/Suspended (nothing written)
 *  fetch failed ─────────────────────────────► Ready=False/&lt;fetch reason&gt;, Stalled unless transient
 *  bad YAML / substitution / placement ──────► Ready=False/InvalidManifests|SubstitutionFailed, Stalled (nothing written)
 *  dependency not Ready ─────────────────────► Ready=False/DependencyNotReady, look again soon
 *  a dry-run refused ────────────────────────► Ready=False/ValidationFailed, Stalled (nothing written, nothing pruned)
 *  only kinds/namespaces of the commit missing► apply its CRDs and Namespaces, Reconciling/ApplyingDefinitions
 *  all accepted ─────────────────────────────► apply what the dry-run shows would change, prune what left,
 *                                              Ready=True/Applied (or WaitingForHealth with spec.wait)
 * </pre>
 */
public final class GitSyncPlanner {

    static final int HISTORY_LIMIT = 10;
    static final int ERROR_LIMIT = 20;
    static final int DRIFT_LIMIT = 100;
    /** How soon to look again while something is on its way (definitions served, health, dependencies). */
    static final Duration FOLLOW_UP = Duration.ofSeconds(2);
    private static final String SERVICE_ROLLOUT = "veer.dev/ServiceRollout";

    private GitSyncPlanner() {
    }

    /** Whether the pass should ask the API server for dry-run answers: only when they can lead to an apply. */
    public static boolean needsDryRun(GitSync gitSync, SourceState source, List<String> notReadyDependencies) {
        return !Boolean.TRUE.equals(gitSync.getSpec().getSuspend()) && source instanceof Fetched fetched
                && fetched.rendered().valid() && notReadyDependencies.isEmpty();
    }

    public static GitSyncPlan plan(GitSync gitSync, GitSyncObservation observed) {
        Pass pass = new Pass(gitSync, observed.now());
        Duration interval;
        try {
            interval = GoDuration.parse(gitSync.getSpec().getRepository().getInterval());
        } catch (IllegalArgumentException e) {
            pass.fail(Reason.InvalidSpec, "spec.repository.interval: " + e.getMessage(), true);
            return pass.plan(List.of(), Optional.empty());
        }
        if (Boolean.TRUE.equals(gitSync.getSpec().getSuspend())) {
            pass.condition(GitSyncConditions.RECONCILING, false, Reason.Suspended, "spec.suspend is set");
            if (Conditions.find(pass.status.getConditions(), GitSyncConditions.READY).isEmpty()) {
                pass.condition(GitSyncConditions.READY, false, Reason.Suspended, "spec.suspend is set");
            }
            return pass.plan(List.of(), Optional.empty());
        }
        if (observed.source() instanceof Failed failed) {
            pass.fail(failed.reason(), failed.message(), failed.stalled());
            return pass.plan(List.of(), Optional.of(interval));
        }
        Fetched fetched = (Fetched) observed.source();
        String commit = fetched.commit();
        Rendered rendered = fetched.rendered();
        if (!rendered.valid()) {
            pass.rejectCommit(commit, rendered.reason(), rendered.errors());
            return pass.plan(List.of(), Optional.of(interval));
        }
        if (!observed.notReadyDependencies().isEmpty()) {
            pass.condition(GitSyncConditions.READY, false, Reason.DependencyNotReady, "waiting for "
                    + String.join(", ", observed.notReadyDependencies()));
            pass.condition(GitSyncConditions.RECONCILING, true, Reason.DependencyNotReady, "waiting for "
                    + String.join(", ", observed.notReadyDependencies()));
            pass.condition(GitSyncConditions.STALLED, false, Reason.Idle, "");
            return pass.plan(List.of(), Optional.of(min(FOLLOW_UP.multipliedBy(5), interval)));
        }
        List<GitSyncError> refused = new ArrayList<>();
        List<Manifest> undefined = new ArrayList<>();
        for (Manifest m : rendered.manifests()) {
            DryRunAnswer answer = observed.answers().get(m.key());
            if (answer == null) {
                throw new IllegalStateException("no dry-run answer for " + m.id());
            }
            if (answer instanceof Invalid invalid) {
                refused.add(new GitSyncError(m.file(), m.document(), m.id(), invalid.message()));
            } else if (answer instanceof DefinitionMissing) {
                undefined.add(m);
            }
        }
        if (!refused.isEmpty()) {
            pass.rejectCommit(commit, Reason.ValidationFailed, refused);
            return pass.plan(List.of(), Optional.of(interval));
        }
        if (!undefined.isEmpty()) {
            return definitionsFirst(pass, commit, rendered, undefined, observed, interval);
        }
        return applyCommit(pass, gitSync, commit, rendered, observed, interval);
    }

    /** The status after the writes of a plan failed part-way: the commit is not applied. */
    public static GitSyncStatus writeFailed(GitSync gitSync, GitSyncPlan plan, WriteFailure failure, Instant now) {
        GitSyncStatus before = gitSync.getStatus() == null ? new GitSyncStatus() : gitSync.getStatus();
        Pass pass = new Pass(gitSync, now);
        GitSyncStatus status = pass.status;
        status.setLastAttemptedCommit(plan.status().getLastAttemptedCommit());
        Set<GitSyncObject> inventory = new LinkedHashSet<>(before.getInventory());
        inventory.addAll(failure.applied());
        status.setInventory(sorted(inventory));
        status.setObjectCount(inventory.size());
        String what = failure.action() instanceof GitSyncAction.Apply apply ? "apply " + apply.manifest().id()
                + " (" + apply.manifest().file() + " document " + apply.manifest().document() + ")"
                : "prune " + ((GitSyncAction.Prune) failure.action()).object();
        Reason reason = failure.action() instanceof GitSyncAction.Apply ? Reason.ApplyFailed : Reason.PruneFailed;
        String message = what + ": " + failure.message();
        pass.history(plan.status().getLastAttemptedCommit(), Result.Failed, message);
        pass.condition(GitSyncConditions.READY, false, reason, message);
        pass.condition(GitSyncConditions.RECONCILING, false, Reason.Idle, "");
        pass.condition(GitSyncConditions.STALLED, false, Reason.Idle, "");
        return status;
    }

    private static GitSyncPlan definitionsFirst(Pass pass, String commit, Rendered rendered, List<Manifest> undefined,
            GitSyncObservation observed, Duration interval) {
        Set<String> namespaces = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (Manifest m : rendered.manifests()) {
            if (m.id().getKind().equals("Namespace") && m.id().group().isEmpty()) {
                namespaces.add(m.id().getName());
            } else if (m.isDefinition()) {
                kinds.add(m.body().path("spec").path("group").asText() + "/"
                        + m.body().path("spec").path("names").path("kind").asText());
            }
        }
        List<GitSyncError> unresolved = undefined.stream()
                .filter(m -> m.isDefinition() || !(kinds.contains(m.id().group() + "/" + m.id().getKind())
                        || m.id().getNamespace() != null && namespaces.contains(m.id().getNamespace())))
                .map(m -> new GitSyncError(m.file(), m.document(), m.id(),
                        ((DefinitionMissing) observed.answers().get(m.key())).message()))
                .toList();
        if (!unresolved.isEmpty()) {
            pass.rejectCommit(commit, Reason.ValidationFailed, unresolved);
            return pass.plan(List.of(), Optional.of(interval));
        }
        List<GitSyncAction> actions = new ArrayList<>();
        for (Manifest m : rendered.manifests()) {
            if (m.isDefinition() && observed.answers().get(m.key()) instanceof Valid valid && needsWrite(valid)) {
                actions.add(new GitSyncAction.Apply(m, "true".equals(m.annotation(ManifestReader.FORCE))));
            }
        }
        pass.status.setLastAttemptedCommit(commit);
        String message = "commit " + shortId(commit) + ": CustomResourceDefinitions and Namespaces first; "
                + undefined.size() + " objects wait until they are served";
        pass.condition(GitSyncConditions.READY, false, Reason.Progressing, message);
        pass.condition(GitSyncConditions.RECONCILING, true, Reason.ApplyingDefinitions, message);
        pass.condition(GitSyncConditions.STALLED, false, Reason.Idle, "");
        return pass.plan(actions, Optional.of(FOLLOW_UP));
    }

    private static GitSyncPlan applyCommit(Pass pass, GitSync gitSync, String commit, Rendered rendered,
            GitSyncObservation observed, Duration interval) {
        List<GitSyncAction> actions = new ArrayList<>();
        List<GitSyncDrift> drift = new ArrayList<>();
        List<GitSyncObject> rolledBack = new ArrayList<>();
        for (Manifest m : rendered.manifests()) {
            Valid answer = (Valid) observed.answers().get(m.key());
            String liveCommit = answer.live() == null ? null
                    : answer.live().path("metadata").path("annotations").path(ManifestReader.COMMIT).asText(null);
            boolean appliedFromThisCommit = commit.equals(liveCommit);
            if (appliedFromThisCommit && observed.autoRolledBack().contains(m.key())
                    && SERVICE_ROLLOUT.equals(m.id().group() + "/" + m.id().getKind())) {
                rolledBack.add(m.id());
                continue;
            }
            if (!needsWrite(answer)) {
                continue;
            }
            if (appliedFromThisCommit && drift.size() < DRIFT_LIMIT) {
                drift.add(new GitSyncDrift(m.id(), FieldDiff.driftedFields(m.body(), answer.live())));
            }
            boolean reconcileDisabled = answer.live() != null && (ManifestReader.DISABLED.equals(m.annotation(
                    ManifestReader.RECONCILE)) || ManifestReader.DISABLED.equals(answer.live().path("metadata")
                            .path("annotations").path(ManifestReader.RECONCILE).asText(null)));
            if (!reconcileDisabled) {
                actions.add(new GitSyncAction.Apply(m, "true".equals(m.annotation(ManifestReader.FORCE))));
            }
        }
        int writes = actions.size();
        List<GitSyncAction> prunes = prunes(gitSync, rendered, observed);
        actions.addAll(prunes);

        GitSyncStatus status = pass.status;
        status.setLastAttemptedCommit(commit);
        status.setLastAppliedCommit(commit);
        status.setInventory(sorted(rendered.manifests().stream().map(Manifest::id).toList()));
        status.setObjectCount(rendered.manifests().size());
        status.setDrift(drift);
        status.setRolledBack(rolledBack);
        status.setErrors(new ArrayList<>());
        String summary = "commit " + shortId(commit) + ": " + rendered.manifests().size() + " objects, " + writes
                + " written, " + prunes.size() + " pruned" + (drift.isEmpty() ? "" : ", " + drift.size()
                        + " drifted") + (rolledBack.isEmpty() ? "" : ", " + rolledBack.size()
                                + " ServiceRollouts rolled back (" + rolledBack.stream().map(GitSyncObject::getName)
                                        .collect(Collectors.joining(", ")) + ") wait for a new commit");
        if (!commit.equals(latestHistoryCommit(status)) || latestResult(status) != Result.Applied) {
            pass.history(commit, Result.Applied, summary);
        }
        pass.condition(GitSyncConditions.STALLED, false, Reason.Idle, "");
        boolean waiting = Boolean.TRUE.equals(gitSync.getSpec().getWait())
                && (writes > 0 || !observed.unhealthy().isEmpty());
        if (waiting) {
            String why = observed.unhealthy().isEmpty() ? "checking the health of what was written"
                    : observed.unhealthy().entrySet().stream().limit(5).map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining("; "));
            pass.condition(GitSyncConditions.READY, false, Reason.WaitingForHealth, summary + "; " + why);
            pass.condition(GitSyncConditions.RECONCILING, true, Reason.WaitingForHealth, why);
            return pass.plan(actions, Optional.of(FOLLOW_UP));
        }
        pass.condition(GitSyncConditions.READY, true, Reason.Applied, summary);
        pass.condition(GitSyncConditions.RECONCILING, false, Reason.Idle, "");
        return pass.plan(actions, Optional.of(interval));
    }

    /**
     * Objects of the inventory no longer in the commit, deleted in reverse apply order: only with spec.prune, only
     * objects that still exist and carry this GitSync's ownership annotation, never one annotated
     * veer.dev/prune: disabled.
     */
    private static List<GitSyncAction> prunes(GitSync gitSync, Rendered rendered, GitSyncObservation observed) {
        if (!Boolean.TRUE.equals(gitSync.getSpec().getPrune()) || gitSync.getStatus() == null) {
            return List.of();
        }
        Set<String> desired = rendered.manifests().stream().map(Manifest::key).collect(Collectors.toSet());
        String owner = gitSync.getMetadata().getNamespace() + "/" + gitSync.getMetadata().getName();
        List<GitSyncObject> gone = new ArrayList<>();
        for (GitSyncObject object : gitSync.getStatus().getInventory()) {
            if (desired.contains(object.key())) {
                continue;
            }
            Optional<LiveObject> live = observed.inventory().getOrDefault(object.key(), Optional.empty());
            if (live.isPresent() && owner.equals(live.get().annotation(ManifestReader.OWNER))
                    && !ManifestReader.DISABLED.equals(live.get().annotation(ManifestReader.PRUNE))) {
                gone.add(object);
            }
        }
        gone.sort(Comparator.<GitSyncObject>comparingInt(ApplyOrder::rank).reversed()
                .thenComparing(GitSyncObject::key));
        return gone.stream().<GitSyncAction>map(GitSyncAction.Prune::new).toList();
    }

    private static boolean needsWrite(Valid answer) {
        return answer.live() == null || !FieldDiff.unchangedByApply(answer.live(), answer.afterApply());
    }

    private static String latestHistoryCommit(GitSyncStatus status) {
        return status.getHistory().isEmpty() ? null : status.getHistory().get(0).getCommit();
    }

    private static Result latestResult(GitSyncStatus status) {
        return status.getHistory().isEmpty() ? null : status.getHistory().get(0).getResult();
    }

    private static List<GitSyncObject> sorted(java.util.Collection<GitSyncObject> objects) {
        return objects.stream().sorted(Comparator.comparing(GitSyncObject::key)).collect(Collectors.toList());
    }

    static String shortId(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The status being built for one pass, starting from a copy of the current one. */
    private static final class Pass {
        private final GitSync gitSync;
        private final Instant now;
        private final GitSyncStatus status;

        Pass(GitSync gitSync, Instant now) {
            this.gitSync = gitSync;
            this.now = now;
            this.status = copy(gitSync.getStatus());
            status.setObservedGeneration(gitSync.getMetadata().getGeneration());
        }

        void condition(String type, boolean value, Reason reason, String message) {
            Conditions.set(status.getConditions(), type, value, reason.name(), message,
                    gitSync.getMetadata().getGeneration(), now);
        }

        void fail(Reason reason, String message, boolean stalled) {
            condition(GitSyncConditions.READY, false, reason, message);
            condition(GitSyncConditions.STALLED, stalled, stalled ? reason : Reason.Idle, stalled ? message : "");
            condition(GitSyncConditions.RECONCILING, false, Reason.Idle, "");
        }

        /** A commit that cannot be applied: nothing written, the inventory and the applied commit stay. */
        void rejectCommit(String commit, Reason reason, List<GitSyncError> errors) {
            status.setLastAttemptedCommit(commit);
            status.setErrors(new ArrayList<>(errors.subList(0, Math.min(errors.size(), ERROR_LIMIT))));
            GitSyncError first = errors.get(0);
            String message = "commit " + shortId(commit) + " not applied, nothing written: " + first.getFile()
                    + (first.getDocument() == null ? "" : " document " + first.getDocument())
                    + (first.getObject() == null ? "" : " (" + first.getObject() + ")") + ": " + first.getMessage()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more in status.errors)" : "");
            if (!commit.equals(latestHistoryCommit(status)) || latestResult(status) != Result.Failed) {
                history(commit, Result.Failed, message);
            }
            fail(reason, message, true);
        }

        void history(String commit, Result result, String message) {
            List<GitSyncHistoryEntry> history = new ArrayList<>();
            history.add(new GitSyncHistoryEntry(commit, now.toString(), result, message));
            status.getHistory().stream().filter(h -> !(commit.equals(h.getCommit()) && h.getResult() == result))
                    .limit(HISTORY_LIMIT - 1).forEach(history::add);
            status.setHistory(history);
        }

        GitSyncPlan plan(List<GitSyncAction> actions, Optional<Duration> requeueAfter) {
            return new GitSyncPlan(List.copyOf(actions), status, requeueAfter);
        }

        private static GitSyncStatus copy(GitSyncStatus from) {
            GitSyncStatus to = new GitSyncStatus();
            if (from == null) {
                return to;
            }
            to.setLastAppliedCommit(from.getLastAppliedCommit());
            to.setLastAttemptedCommit(from.getLastAttemptedCommit());
            to.setObjectCount(from.getObjectCount());
            to.setInventory(new ArrayList<>(from.getInventory()));
            to.setDrift(new ArrayList<>(from.getDrift()));
            to.setRolledBack(new ArrayList<>(from.getRolledBack()));
            to.setErrors(new ArrayList<>(from.getErrors()));
            to.setHistory(new ArrayList<>(from.getHistory()));
            to.setConditions(new ArrayList<>(from.getConditions()));
            return to;
        }
    }

    /** For the executor: the manifests of a commit by key. */
    public static Map<String, Manifest> byKey(Rendered rendered) {
        return rendered.manifests().stream().collect(Collectors.toMap(Manifest::key, m -> m));
    }
}
