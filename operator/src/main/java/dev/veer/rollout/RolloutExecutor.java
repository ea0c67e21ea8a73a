package dev.veer.rollout;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.common.Labels;
import dev.veer.common.ResourceWriter;
import dev.veer.rollout.model.RolloutNames;
import dev.veer.rollout.model.RolloutObjects;
import dev.veer.rollout.plan.Action;
import dev.veer.rollout.plan.Action.ApplyServices;
import dev.veer.rollout.plan.Action.DeleteSnapshot;
import dev.veer.rollout.plan.Action.DeploySlot;
import dev.veer.rollout.plan.Action.RecordSnapshot;
import dev.veer.rollout.plan.Action.ResetRoute;
import dev.veer.rollout.plan.Action.ScaleSlot;
import dev.veer.rollout.plan.Action.SetRoute;
import dev.veer.rollout.plan.Action.SetVerdict;
import dev.veer.rollout.traffic.RouteTarget;
import dev.veer.rollout.traffic.TrafficRouter;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Carries out a plan's actions in order. Writes only what differs from what the cluster has, so that a pass that
 * changes nothing writes nothing; every write goes through {@link ResourceWriter} (server-side apply, field manager
 * {@code veer}), routes through the rollout's {@link TrafficRouter}.
 */
@ApplicationScoped
class RolloutExecutor {

    private static final Logger LOG = Logger.getLogger("dev.veer.rollout");

    private final ResourceWriter writer;
    private final SnapshotWriter snapshots;

    RolloutExecutor(ResourceWriter writer, SnapshotWriter snapshots) {
        this.writer = writer;
        this.snapshots = snapshots;
    }

    /**
     * @param owned the rollout's Deployments and Services as the informer caches hold them: writes are decided
     *     against these, and a stale copy costs at most one idempotent write
     */
    void execute(ServiceRollout rollout, Iterable<Action> actions, Desired desired, TrafficRouter router,
            OwnedObjects owned) {
        for (Action action : actions) {
            if (action instanceof DeploySlot deploy) {
                deploy(rollout, deploy, desired, owned);
            } else if (action instanceof ScaleSlot scale) {
                scale(rollout, scale, owned);
            } else if (action instanceof ApplyServices services) {
                services(rollout, services, owned);
            } else if (action instanceof SetRoute route) {
                router.setRoute(new RouteTarget(rollout, route.stableSlot()), route.weight(), route.headerRoute());
            } else if (action instanceof ResetRoute reset) {
                router.reset(new RouteTarget(rollout, reset.stableSlot()));
            } else if (action instanceof RecordSnapshot record) {
                snapshots.record(rollout, record.revision(), desired, owned);
            } else if (action instanceof SetVerdict verdict) {
                snapshots.setVerdict(owned, verdict);
            } else if (action instanceof DeleteSnapshot delete) {
                snapshots.delete(rollout, delete.name());
            } else {
                throw new IllegalStateException("Unknown action " + action);
            }
        }
    }

    private void deploy(ServiceRollout rollout, DeploySlot deploy, Desired wanted, OwnedObjects owned) {
        String desiredHash = wanted.hash();
        Deployment desired = RolloutObjects.deployment(rollout, deploy.slot(), wanted.template(), desiredHash,
                deploy.replicas());
        Deployment existing = owned.deployment(RolloutNames.slot(rollout, deploy.slot()));
        if (existing != null && desiredHash.equals(annotation(existing, Labels.TEMPLATE_HASH))
                && Objects.equals(existing.getSpec().getReplicas(), deploy.replicas())
                && Objects.equals(existing.getSpec().getStrategy(), desired.getSpec().getStrategy())) {
            return;
        }
        LOG.debugf("Deploying revision %s to %s/%s with %d replicas", desiredHash, rollout.getMetadata()
                .getNamespace(), desired.getMetadata().getName(), deploy.replicas());
        writer.apply(desired);
    }

    private void scale(ServiceRollout rollout, ScaleSlot scale, OwnedObjects owned) {
        Deployment existing = owned.deployment(RolloutNames.slot(rollout, scale.slot()));
        if (existing == null) {
            LOG.warnf("Cannot scale %s/%s: the Deployment does not exist", rollout.getMetadata().getNamespace(),
                    RolloutNames.slot(rollout, scale.slot()));
            return;
        }
        if (Objects.equals(existing.getSpec().getReplicas(), scale.replicas())) {
            return;
        }
        writer.scale(existing, scale.replicas());
    }

    private void services(ServiceRollout rollout, ApplyServices services, OwnedObjects owned) {
        for (Slot slot : Slot.values()) {
            ensure(RolloutObjects.slotService(rollout, slot), true, owned);
        }
        Slot fallback = rollout.getStatus() == null || rollout.getStatus().getActiveSlot() == null ? Slot.BLUE
                : rollout.getStatus().getActiveSlot();
        Service stable = RolloutObjects.stableService(rollout,
                RolloutObjects.slotSelector(rollout, services.stableSelectorSlot().orElse(fallback)));
        ensure(stable, services.stableSelectorSlot().isPresent(), owned);
        services.previewSlot().ifPresent(slot -> ensure(RolloutObjects.previewService(rollout, slot), true, owned));
    }

    /** Creates the Service if missing; updates it when it differs and {@code ownSelector} says its selector is ours. */
    private void ensure(Service desired, boolean ownSelector, OwnedObjects owned) {
        Service existing = owned.service(desired.getMetadata().getName());
        if (existing == null) {
            writer.apply(desired);
            return;
        }
        boolean selectorDiffers = ownSelector && !Objects.equals(existing.getSpec().getSelector(),
                desired.getSpec().getSelector());
        boolean portsDiffer = !Objects.equals(ports(existing), ports(desired));
        if (!selectorDiffers && !portsDiffer) {
            return;
        }
        if (!ownSelector) {
            desired.getSpec().setSelector(existing.getSpec().getSelector());
        }
        writer.apply(desired);
    }

    private static Object ports(Service service) {
        return service.getSpec().getPorts().stream()
                .map(p -> Map.of("name", Optional.ofNullable(p.getName()).orElse(""), "port", p.getPort(),
                        "target", String.valueOf(p.getTargetPort() == null ? null : p.getTargetPort().getValue()),
                        "protocol", Optional.ofNullable(p.getProtocol()).orElse("TCP")))
                .toList();
    }

    private static String annotation(Deployment deployment, String key) {
        var annotations = deployment.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
