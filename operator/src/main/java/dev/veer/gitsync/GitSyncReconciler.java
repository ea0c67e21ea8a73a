package dev.veer.gitsync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.veer.api.GitSync;
import dev.veer.api.GitSyncObject;
import dev.veer.api.GitSyncStatus;
import dev.veer.common.Conditions;
import dev.veer.common.ResourceWriter;
import dev.veer.common.SeriesCleanup;
import dev.veer.gitsync.plan.DryRunAnswer;
import dev.veer.gitsync.plan.GitSyncAction;
import dev.veer.gitsync.plan.GitSyncConditions;
import dev.veer.gitsync.plan.GitSyncObservation;
import dev.veer.gitsync.plan.GitSyncPlan;
import dev.veer.gitsync.plan.GitSyncPlanner;
import dev.veer.gitsync.plan.LiveObject;
import dev.veer.gitsync.plan.LiveStates;
import dev.veer.gitsync.plan.Manifest;
import dev.veer.gitsync.plan.ManifestReader;
import dev.veer.gitsync.plan.SourceState;
import dev.veer.gitsync.plan.WriteFailure;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;

/**
 * Reconciles a GitSync: observe (fetch the commit, read its manifests, check the dependencies; then a server-side
 * dry-run of every object and a read of those leaving the inventory), plan with {@link GitSyncPlanner}, execute the
 * applies and prunes, write the status once. Passes are triggered by spec changes, webhook pushes
 * ({@link GitSyncTriggers}) and the plan's schedule (spec.repository.interval, sooner while something is on its way).
 *
 * <p>RBAC: a GitSync without spec.serviceAccountName writes with the operator's own permissions (limited to its own
 * namespace by the manifest reader): Veer's kinds and what its other controllers write (Deployments, Services,
 * ConfigMaps, Secrets, Ingresses, routes), no more; Veer holds no wildcard rule. A GitSync that applies other kinds
 * names a ServiceAccount, and every request impersonates it (impersonate on serviceaccounts only: the API server
 * adds a ServiceAccount's groups itself).
 */
@ControllerConfiguration(name = "gitsync")
@RBACRule(apiGroups = "", resources = "serviceaccounts", verbs = "impersonate")
@RBACRule(apiGroups = "", resources = { "events" }, verbs = { "create", "patch" })
public class GitSyncReconciler implements Reconciler<GitSync> {

    private final GitSyncObserver observer;
    private final GitSyncExecutor executor;
    private final GitSyncClients clients;
    private final GitSyncTriggers triggers;
    private final GitSyncMetrics metrics;
    private final ResourceWriter writer;
    private final Clock clock;

    public GitSyncReconciler(GitSyncObserver observer, GitSyncExecutor executor, GitSyncClients clients,
            GitSyncTriggers triggers, GitSyncMetrics metrics, ResourceWriter writer, Clock clock) {
        this.observer = observer;
        this.executor = executor;
        this.clients = clients;
        this.triggers = triggers;
        this.metrics = metrics;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, GitSync>> prepareEventSources(EventSourceContext<GitSync> context) {
        return List.of(triggers, new SeriesCleanup<>(metrics.series(), context));
    }

    @Override
    public UpdateControl<GitSync> reconcile(GitSync gitSync, Context<GitSync> context) {
        KubernetesClient client = clients.forGitSync(gitSync);
        ClusterApi api = executor.api(client);
        SourceState source = Boolean.TRUE.equals(gitSync.getSpec().getSuspend())
                ? new SourceState.Failed(GitSyncConditions.Reason.Suspended, "suspended", false)
                : observer.source(gitSync, api);
        List<String> notReady = source instanceof SourceState.Fetched ? observer.notReadyDependencies(gitSync)
                : List.of();
        Instant started = clock.instant();
        List<Manifest> manifests = source instanceof SourceState.Fetched fetched ? fetched.rendered().manifests()
                : List.of();
        Map<String, DryRunAnswer> answers = GitSyncPlanner.needsDryRun(gitSync, source, notReady)
                ? executor.dryRun(client, api, manifests, m -> "true".equals(m.annotation(ManifestReader.FORCE)))
                : Map.of();
        GitSyncObservation observed = new GitSyncObservation(source, notReady, answers,
                leaving(gitSync, manifests, answers, client, api), LiveStates.autoRolledBack(manifests, answers),
                LiveStates.unhealthy(manifests, answers), clock.instant());
        GitSyncPlan plan = GitSyncPlanner.plan(gitSync, observed);
        Optional<WriteFailure> failure = executor.execute(client, api, plan.actions());
        GitSyncStatus status = failure.map(f -> GitSyncPlanner.writeFailed(gitSync, plan, f, clock.instant()))
                .orElse(plan.status());
        record(gitSync, plan, failure, answers.isEmpty() ? null : Duration.between(started, clock.instant()));
        if (!sameStatus(gitSync.getStatus(), status)) {
            writer.applyStatus(gitSync, status, context);
        }
        UpdateControl<GitSync> control = UpdateControl.noUpdate();
        return plan.requeueAfter().map(control::rescheduleAfter).orElse(control);
    }

    /** The objects of the inventory no longer in the commit, read only when the commit can be applied. */
    private Map<String, Optional<LiveObject>> leaving(GitSync gitSync, List<Manifest> manifests,
            Map<String, DryRunAnswer> answers, KubernetesClient client, ClusterApi api) {
        if (answers.isEmpty() || gitSync.getStatus() == null
                || answers.values().stream().anyMatch(a -> !(a instanceof DryRunAnswer.Valid))) {
            return Map.of();
        }
        Set<String> desired = manifests.stream().map(Manifest::key).collect(Collectors.toSet());
        List<GitSyncObject> leaving = gitSync.getStatus().getInventory().stream()
                .filter(o -> !desired.contains(o.key())).toList();
        return leaving.isEmpty() ? Map.of() : executor.read(client, api, leaving);
    }

    private void record(GitSync gitSync, GitSyncPlan plan, Optional<WriteFailure> failure, Duration applyTime) {
        String namespace = gitSync.getMetadata().getNamespace();
        String name = gitSync.getMetadata().getName();
        if (applyTime != null) {
            long written = plan.actions().stream().filter(a -> a instanceof GitSyncAction.Apply).count();
            long pruned = plan.actions().stream().filter(a -> a instanceof GitSyncAction.Prune).count();
            if (failure.isPresent()) {
                written = failure.get().applied().size();
                pruned = 0;
            }
            metrics.applied(namespace, name, applyTime, failure.isPresent() ? "failed" : "success", (int) written,
                    (int) pruned);
        }
        metrics.drift(namespace, name, plan.status().getDrift().size());
    }

    private static boolean sameStatus(GitSyncStatus before, GitSyncStatus after) {
        return before != null && Serialization.asJson(before).equals(Serialization.asJson(after));
    }

    @Override
    public ErrorStatusUpdateControl<GitSync> updateErrorStatus(GitSync gitSync, Context<GitSync> context,
            Exception e) {
        GitSyncStatus status = gitSync.getStatus() == null ? new GitSyncStatus() : gitSync.getStatus();
        Conditions.set(status.getConditions(), GitSyncConditions.READY, false, "ReconcileError",
                e.getClass().getSimpleName() + ": " + e.getMessage(), gitSync.getMetadata().getGeneration(),
                clock.instant());
        writer.applyStatus(gitSync, status, context);
        return ErrorStatusUpdateControl.noStatusUpdate();
    }
}
