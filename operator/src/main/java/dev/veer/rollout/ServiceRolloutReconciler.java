package dev.veer.rollout;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.veer.api.ServiceRollout;
import dev.veer.api.Snapshot;
import dev.veer.common.Conditions;
import dev.veer.common.EventRecorder;
import dev.veer.common.Labels;
import dev.veer.common.NameInUseException;
import dev.veer.common.ResourceWriter;
import dev.veer.common.SeriesCleanup;
import dev.veer.rollout.plan.Observed;
import dev.veer.rollout.plan.Plan;
import dev.veer.rollout.plan.RolloutConditions;
import dev.veer.rollout.plan.RolloutEvent;
import dev.veer.rollout.plan.RolloutPlanner;
import dev.veer.rollout.plan.SpecCheck;
import dev.veer.rollout.plan.SpecShape;
import dev.veer.rollout.plan.UnusableSpec;
import dev.veer.rollout.traffic.TrafficRouter;
import dev.veer.rollout.traffic.TrafficRouters;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;

/**
 * Reconciles a ServiceRollout: observe the slots and the router, measure the analyses that are due, plan with
 * {@link RolloutPlanner}, carry out the actions, record the events, and write the status once.
 *
 * <p>Generation-aware event filtering is off, so that the {@code veer.dev/action} annotation (which does not change
 * the generation) starts a pass. The status is written only when it changed, so a quiet rollout costs no writes.
 */
@ControllerConfiguration(name = "servicerollout", fieldManager = ResourceWriter.FIELD_MANAGER, generationAwareEventProcessing = false)
// Slot replicas are set by server-side apply to the scale subresource (RolloutExecutor via ResourceWriter.scale).
@RBACRule(apiGroups = "apps", resources = "deployments/scale", verbs = { "get", "patch" })
@RBACRule(apiGroups = "apps", resources = "deployments", verbs = { "get", "list", "watch", "create", "update",
        "patch", "delete" })
@RBACRule(apiGroups = "", resources = { "services" }, verbs = { "get", "list", "watch", "create", "update", "patch",
        "delete" })
@RBACRule(apiGroups = "", resources = { "events" }, verbs = { "create", "patch" })
@RBACRule(apiGroups = "veer.dev", resources = { "snapshots", "snapshots/status" }, verbs = { "get", "list", "watch",
        "create", "update", "patch", "delete" })
@RBACRule(apiGroups = "veer.dev", resources = "configwatches", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "gateway.networking.k8s.io", resources = "httproutes", verbs = { "get", "list", "watch",
        "update", "patch" })
@RBACRule(apiGroups = "networking.k8s.io", resources = "ingresses", verbs = { "get", "list", "watch", "create",
        "update", "patch", "delete" })
@RBACRule(apiGroups = "networking.istio.io", resources = "virtualservices", verbs = { "get", "list", "watch",
        "update", "patch" })
@RBACRule(apiGroups = "veer.dev", resources = "healthchecks", verbs = { "get", "list", "watch" })
// Prometheus credentials named by an analysis (secretRef): read by name when a query is made.
@RBACRule(apiGroups = "", resources = "secrets", verbs = { "get" })
// The leader-election Lease is not here: it is a namespaced Role (application.properties, quarkus.kubernetes.rbac).
public class ServiceRolloutReconciler implements Reconciler<ServiceRollout> {

    private static final ObjectMapper STATUS_MAPPER = JsonMapper.builder().findAndAddModules().build();
    private static final String MANAGED = Labels.MANAGED_BY + "=" + Labels.MANAGER;
    /** How often a rollout blocked by a name in use looks again (the other object is not watched). */
    private static final Duration NAME_IN_USE_RETRY = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final TrafficRouters routers;
    private final RolloutExecutor executor;
    private final EventRecorder events;
    private final ResourceWriter writer;
    private final RolloutAnalyses analyses;
    private final RolloutMetrics metrics;
    private final Clock clock;
    /**
     * Per rollout, the resourceVersion its status write left while a command taken in that pass was still to be
     * cleared: a pass that reads exactly that version sees the command's annotation only because the clear had not
     * landed in the cache yet, and must not take it a second time.
     */
    private final Map<String, String> commandTakenAt = new ConcurrentHashMap<>();

    public ServiceRolloutReconciler(KubernetesClient client, TrafficRouters routers, RolloutExecutor executor,
            EventRecorder events, ResourceWriter writer, RolloutAnalyses analyses, RolloutMetrics metrics,
            Clock clock) {
        this.client = client;
        this.analyses = analyses;
        this.metrics = metrics;
        this.writer = writer;
        this.routers = routers;
        this.executor = executor;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, ServiceRollout>> prepareEventSources(EventSourceContext<ServiceRollout> context) {
        return List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration
                        .from(Deployment.class, ServiceRollout.class).withLabelSelector(MANAGED).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration
                        .from(Service.class, ServiceRollout.class).withLabelSelector(MANAGED).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration
                        .from(Snapshot.class, ServiceRollout.class).withLabelSelector(MANAGED).build(), context),
                ConfigFromSource.create(context),
                new SeriesCleanup<>(metrics.series(), context));
    }

    @Override
    public UpdateControl<ServiceRollout> reconcile(ServiceRollout rollout, Context<ServiceRollout> context) {
        Optional<SpecCheck.Problem> unusable = SpecShape.check(rollout);
        if (unusable.isPresent()) {
            return reportUnusable(rollout, unusable.get(), context);
        }
        TrafficRouter router = routers.forRollout(rollout);
        OwnedObjects owned = OwnedObjects.of(context);
        Desired desired = Desired.of(rollout, owned);
        Observed observed = RolloutObserver.observe(rollout, owned, desired, router, analyses.measure(rollout));
        String key = rollout.getMetadata().getNamespace() + "/" + rollout.getMetadata().getName();
        Optional<String> action = Optional.ofNullable(rollout.getMetadata().getAnnotations())
                .map(a -> a.get(Labels.ACTION))
                .filter(a -> !rollout.getMetadata().getResourceVersion().equals(commandTakenAt.get(key)));
        Plan plan = RolloutPlanner.plan(rollout, observed, action, clock.instant());

        Optional<Duration> requeue = plan.requeueAfter();
        try {
            executor.execute(rollout, plan.actions(), desired, router, owned);
        } catch (NameInUseException e) {
            reportNameInUse(rollout, plan, e);
            requeue = Optional.of(NAME_IN_USE_RETRY);
        }
        for (RolloutEvent event : plan.events()) {
            events.record(rollout, event.warning(), event.reason(), event.message());
        }
        metrics.passed(rollout, plan);
        // The status that records what a command did is written before the command's annotation is removed: a pass
        // that fails or is cut off between the two sees the command again (and repeats it), never loses it.
        ServiceRollout latest = rollout;
        if (!sameStatus(rollout, plan)) {
            latest = writer.applyStatus(rollout, plan.status(), context);
        }
        if (plan.actionConsumed() && action.isPresent()) {
            commandTakenAt.put(key, latest.getMetadata().getResourceVersion());
            try {
                clearAction(latest, action.get(), context);
            } catch (RuntimeException e) {
                commandTakenAt.remove(key);
                throw e;
            }
        } else {
            commandTakenAt.remove(key);
        }
        UpdateControl<ServiceRollout> control = UpdateControl.noUpdate();
        return requeue.map(d -> control.rescheduleAfter(atLeast(d, Duration.ofMillis(50)))).orElse(control);
    }

    /**
     * An object of a name the rollout needs is not Veer's: nothing was written to it, and the status says which
     * object and whose it is (InvalidSpec and Ready=False, reason NameInUse) until it is renamed, deleted or handed
     * over. Written into the plan's status, which this pass writes.
     */
    private void reportNameInUse(ServiceRollout rollout, Plan plan, NameInUseException e) {
        var conditions = plan.status().getConditions();
        Long generation = rollout.getMetadata().getGeneration();
        Conditions.set(conditions, RolloutConditions.INVALID_SPEC, true, RolloutConditions.NAME_IN_USE,
                e.getMessage(), generation, clock.instant());
        Conditions.set(conditions, RolloutConditions.READY, false, RolloutConditions.NAME_IN_USE, e.getMessage(),
                generation, clock.instant());
        events.record(rollout, true, RolloutConditions.NAME_IN_USE, e.getMessage());
    }

    @Override
    public ErrorStatusUpdateControl<ServiceRollout> updateErrorStatus(ServiceRollout rollout,
            Context<ServiceRollout> context, Exception e) {
        if (rollout.getStatus() == null) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        var status = rollout.getStatus();
        Conditions.set(status.getConditions(), RolloutConditions.PROGRESSING, true, "ReconcileError",
                e.getClass().getSimpleName() + ": " + e.getMessage(), rollout.getMetadata().getGeneration(),
                clock.instant());
        writer.applyStatus(rollout, status, context);
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    /**
     * A spec nothing can be planned from: the status says why (InvalidSpec with a reason naming the field) and an
     * event tells it once; nothing else is written and nothing is retried until the spec changes.
     */
    private UpdateControl<ServiceRollout> reportUnusable(ServiceRollout rollout, SpecCheck.Problem problem,
            Context<ServiceRollout> context) {
        if (!UnusableSpec.alreadyReported(rollout, problem)) {
            events.record(rollout, true, problem.reason(), problem.message());
            writer.applyStatus(rollout, UnusableSpec.status(rollout, problem, clock.instant()), context);
        }
        return UpdateControl.noUpdate();
    }

    /**
     * Removes the action annotation if it still holds the command this pass carried out; a newer command written
     * meanwhile stays for the next pass. The result is cached, so the next pass cannot take the same command again.
     */
    private ServiceRollout clearAction(ServiceRollout rollout, String action, Context<ServiceRollout> context) {
        return writer.updatePrimary(rollout, context, latest -> {
            var annotations = latest.getMetadata().getAnnotations();
            if (annotations != null && action.equals(annotations.get(Labels.ACTION))) {
                annotations.remove(Labels.ACTION);
                annotations.remove(Labels.ACTION_REASON);
                annotations.remove(Labels.ACTION_MESSAGE);
            }
            return latest;
        });
    }

    private static boolean sameStatus(ServiceRollout rollout, Plan plan) {
        return rollout.getStatus() != null
                && STATUS_MAPPER.valueToTree(rollout.getStatus()).equals(STATUS_MAPPER.valueToTree(plan.status()));
    }

    private static Duration atLeast(Duration duration, Duration minimum) {
        return duration.compareTo(minimum) < 0 ? minimum : duration;
    }
}
