package dev.veer.rollout.plan;

import java.util.Optional;

/**
 * What the cluster shows of one slot's Deployment. {@code absent()} when it does not exist.
 *
 * @param templateHash hash of the pod template the Deployment runs (Veer's annotation)
 * @param specReplicas replicas asked for
 * @param readyReplicas ready pods of the current template
 * @param observedLatest whether the Deployment controller has seen the latest spec (observedGeneration)
 */
public record SlotObservation(boolean exists, Optional<String> templateHash, int specReplicas, int readyReplicas,
        int updatedReplicas, boolean observedLatest) {

    public static SlotObservation absent() {
        return new SlotObservation(false, Optional.empty(), 0, 0, 0, true);
    }

    /** True when the slot runs {@code hash} with exactly {@code replicas} pods, all updated and ready. */
    public boolean readyWith(String hash, int replicas) {
        return exists && observedLatest && templateHash.filter(hash::equals).isPresent() && specReplicas == replicas
                && updatedReplicas >= replicas && readyReplicas >= replicas;
    }

    /** True when the slot runs {@code replicas} ready pods, whatever its template. */
    public boolean readyWith(int replicas) {
        return exists && observedLatest && specReplicas == replicas && readyReplicas >= replicas;
    }
}
