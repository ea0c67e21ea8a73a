package dev.veer.configwatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.veer.api.ConfigWatch;
import dev.veer.api.ConfigWatchStatus;
import dev.veer.api.Snapshot;
import dev.veer.common.Conditions;
import dev.veer.common.EventRecorder;
import dev.veer.common.InstallationKeys;
import dev.veer.common.Labels;
import dev.veer.common.NameInUseException;
import dev.veer.common.ResourceWriter;
import dev.veer.common.SeriesCleanup;
import dev.veer.configwatch.plan.ConfigConditions;
import dev.veer.configwatch.plan.ConfigEvent;
import dev.veer.configwatch.plan.ConfigPlan;
import dev.veer.configwatch.plan.ConfigPlanner;
import dev.veer.configwatch.plan.Observed;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;

/**
 * Reconciles a ConfigWatch: observe (the etcd prefix held in memory by {@link EtcdEventSource}, the owned objects,
 * the consumers), plan with {@link ConfigPlanner}, carry out the actions, record the events, write the status once.
 * Passes are triggered by spec changes, by changes of the etcd prefix or its reachability, by changes of the
 * credentials Secret ({@link CredentialsSecretSource}), by changes of the owned
 * ConfigMaps, Secrets and Snapshots, by the verdicts of ServiceRollout revisions that used one of its versions (their
 * Snapshots), and by the plan's own schedule (debounce).
 */
@ControllerConfiguration(name = "configwatch", fieldManager = ResourceWriter.FIELD_MANAGER)
// ConfigMap and Secret targets: listed and watched by Veer's label (the informer), written by server-side apply
// (patch; create for an object that does not exist yet), superseded versions deleted. RBAC cannot narrow a
// cluster-wide rule by label, so the narrowing is Veer's: it writes only targets that it owns (see README, Security).
@RBACRule(apiGroups = "", resources = "configmaps", verbs = { "get", "list", "watch", "create", "patch", "delete" })
@RBACRule(apiGroups = "", resources = "secrets", verbs = { "get", "list", "watch", "create", "patch", "delete" })
@RBACRule(apiGroups = "apps", resources = "deployments", verbs = { "get", "list", "watch", "update", "patch" })
@RBACRule(apiGroups = "veer.dev", resources = "servicerollouts", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "veer.dev", resources = { "snapshots", "snapshots/status" }, verbs = { "get", "list", "watch",
        "create", "update", "patch", "delete" })
@RBACRule(apiGroups = "", resources = { "events" }, verbs = { "create", "patch" })
public class ConfigWatchReconciler implements Reconciler<ConfigWatch> {

    private static final String MANAGED = Labels.MANAGED_BY + "=" + Labels.MANAGER;
    /** How often a ConfigWatch blocked by a name in use looks again (the other object is not watched). */
    private static final Duration NAME_IN_USE_RETRY = Duration.ofSeconds(10);

    private final ConfigWatchObserver observer;
    private final ConfigWatchExecutor executor;
    private final EventRecorder events;
    private final ResourceWriter writer;
    private final ConfigWatchMetrics metrics;
    private final Clock clock;
    private volatile EtcdEventSource etcd;
    private volatile CredentialsSecretSource credentials;

    public ConfigWatchReconciler(ConfigWatchObserver observer, ConfigWatchExecutor executor, EventRecorder events,
            ResourceWriter writer, ConfigWatchMetrics metrics, Clock clock) {
        this.observer = observer;
        this.metrics = metrics;
        this.executor = executor;
        this.events = events;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, ConfigWatch>> prepareEventSources(EventSourceContext<ConfigWatch> context) {
        etcd = new EtcdEventSource(clock);
        credentials = new CredentialsSecretSource(context.getClient());
        return List.of(etcd, credentials,
                new InformerEventSource<>(InformerEventSourceConfiguration
                        .from(ConfigMap.class, ConfigWatch.class).withLabelSelector(MANAGED).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration
                        .from(Secret.class, ConfigWatch.class).withLabelSelector(MANAGED).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration
                        .from(Snapshot.class, ConfigWatch.class).withLabelSelector(MANAGED)
                        .withSecondaryToPrimaryMapper(ConfigWatchReconciler::configWatchesOf).build(), context),
                new SeriesCleanup<>(metrics.series(), context));
    }

    /**
     * The ConfigWatches a Snapshot concerns: its owner, for a ConfigWatch's own; for a ServiceRollout's, those whose
     * revisions it lists in spec.configRevisions (its verdict judges them).
     */
    static Set<ResourceID> configWatchesOf(Snapshot snapshot) {
        var spec = snapshot.getSpec();
        String namespace = snapshot.getMetadata().getNamespace();
        if (spec == null) {
            return Set.of();
        }
        if ("ConfigWatch".equals(spec.getOwnerKind())) {
            return Set.of(new ResourceID(spec.getOwnerName(), namespace));
        }
        if (spec.getConfigRevisions() == null) {
            return Set.of();
        }
        return spec.getConfigRevisions().stream().filter(r -> r.getConfigWatch() != null)
                .map(r -> new ResourceID(r.getConfigWatch(), namespace)).collect(Collectors.toSet());
    }

    @Override
    public UpdateControl<ConfigWatch> reconcile(ConfigWatch watch, Context<ConfigWatch> context) {
        credentials.subscribe(watch);
        Observed observed = observer.observe(watch, context, etcd);
        ConfigPlan plan = ConfigPlanner.plan(watch, observed, clock.instant());
        Optional<Duration> requeue = plan.requeueAfter();
        try {
            executor.execute(watch, plan.actions());
        } catch (NameInUseException e) {
            reportNameInUse(watch, plan, e);
            requeue = Optional.of(NAME_IN_USE_RETRY);
        }
        for (ConfigEvent event : plan.events()) {
            events.record(watch, event.warning(), event.reason(), event.message());
        }
        metrics.passed(watch, plan);
        if (ConfigPlanner.statusChanged(watch, plan)) {
            writer.applyStatus(watch, plan.status(), context);
        }
        UpdateControl<ConfigWatch> control = UpdateControl.noUpdate();
        return requeue.map(d -> control.rescheduleAfter(atLeast(d, Duration.ofMillis(50)))).orElse(control);
    }

    /**
     * The target, a versioned object, a Snapshot or a consumer is not Veer's: nothing was written to it, and Ready is
     * False with reason NameInUse naming it and its manager, until it is renamed, deleted or handed over.
     */
    private void reportNameInUse(ConfigWatch watch, ConfigPlan plan, NameInUseException e) {
        Conditions.set(plan.status().getConditions(), ConfigConditions.READY, false, ConfigConditions.NAME_IN_USE,
                e.getMessage(), watch.getMetadata().getGeneration(), clock.instant());
        events.record(watch, true, ConfigConditions.NAME_IN_USE, e.getMessage());
    }

    @Override
    public ErrorStatusUpdateControl<ConfigWatch> updateErrorStatus(ConfigWatch watch, Context<ConfigWatch> context,
            Exception e) {
        Optional<Throwable> keyUnavailable = Stream.<Throwable>iterate(e, t -> t != null, Throwable::getCause)
                .filter(InstallationKeys.InstallationKeyException.class::isInstance).findFirst();
        if (watch.getStatus() == null && keyUnavailable.isEmpty()) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        var status = watch.getStatus() == null ? new ConfigWatchStatus() : watch.getStatus();
        if (keyUnavailable.isPresent()) {
            Conditions.set(status.getConditions(), ConfigConditions.READY, false,
                    ConfigConditions.INSTALLATION_KEY_UNAVAILABLE, keyUnavailable.get().getMessage(),
                    watch.getMetadata().getGeneration(), clock.instant());
        } else {
            Conditions.set(status.getConditions(), ConfigConditions.READY, false, "ReconcileError",
                    e.getClass().getSimpleName() + ": " + e.getMessage(), watch.getMetadata().getGeneration(),
                    clock.instant());
        }
        writer.applyStatus(watch, status, context);
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    private static Duration atLeast(Duration duration, Duration minimum) {
        return duration.compareTo(minimum) < 0 ? minimum : duration;
    }
}
