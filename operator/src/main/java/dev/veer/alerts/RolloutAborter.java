package dev.veer.alerts;

import java.util.HashMap;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.veer.api.RolloutStage;
import dev.veer.api.ServiceRollout;
import dev.veer.common.Labels;
import dev.veer.rollout.plan.RolloutConditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Gives a rollout the abort command an alert asks for, as a user would: the {@code veer.dev/action=abort}
 * annotation, with {@code veer.dev/action-reason=AlertFiring} and the alert's account, which the rollout controller
 * takes and clears. Only a rollout that is rolling a version out is aborted; a Healthy one is never touched.
 */
@ApplicationScoped
public class RolloutAborter {

    /** Stages in which a new version is being rolled out: the ones an abort applies to. */
    static final Set<RolloutStage> ROLLING_OUT = Set.of(RolloutStage.Canary, RolloutStage.Preview,
            RolloutStage.Promoting);

    enum Result {
        ABORT_REQUESTED, NOT_ROLLING_OUT, NOT_FOUND
    }

    private final KubernetesClient client;

    public RolloutAborter(KubernetesClient client) {
        this.client = client;
    }

    Result abort(AlertAborts.AbortRequest request) {
        var resource = client.resources(ServiceRollout.class).inNamespace(request.namespace())
                .withName(request.rollout());
        for (int attempt = 0; attempt < 5; attempt++) {
            ServiceRollout rollout = resource.get();
            if (rollout == null) {
                return Result.NOT_FOUND;
            }
            if (rollout.getStatus() == null || !ROLLING_OUT.contains(rollout.getStatus().getStage())) {
                return Result.NOT_ROLLING_OUT;
            }
            var annotations = new HashMap<>(rollout.getMetadata().getAnnotations() == null ? java.util.Map.of()
                    : rollout.getMetadata().getAnnotations());
            annotations.put(Labels.ACTION, "abort");
            annotations.put(Labels.ACTION_REASON, RolloutConditions.ALERT_FIRING);
            annotations.put(Labels.ACTION_MESSAGE, request.message());
            rollout.getMetadata().setAnnotations(annotations);
            try {
                // An update with the read resourceVersion: a rollout that changed meanwhile is read and judged again.
                client.resource(rollout).update();
                return Result.ABORT_REQUESTED;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("rollout " + request.namespace() + "/" + request.rollout()
                + " kept changing; abort not written");
    }
}
