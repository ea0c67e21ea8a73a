package dev.veer.rollout.plan;

/**
 * How many pods each slot runs at a canary weight.
 *
 * <p>The canary always runs at least one pod while a rollout is in progress, so that header routes and health
 * analysis reach it and a version whose pods never become ready is caught before it takes traffic. A data-plane
 * router (Gateway API, NGINX, Istio) splits by weight, so the stable slot stays at full size and an abort never waits
 * for capacity. Without one, the traffic split follows the ready pods, so the canary takes {@code ceil(replicas *
 * weight / 100)} pods and the stable slot the rest (at least one while the weight is under 100).
 */
public record ReplicaSizes(int canary, int stable) {

    public static ReplicaSizes atWeight(int replicas, int weight, boolean splitsByReplicas) {
        if (replicas == 0) {
            return new ReplicaSizes(0, 0);
        }
        int canary = Math.max(1, (int) Math.ceil(replicas * weight / 100.0));
        if (!splitsByReplicas || weight == 0) {
            return new ReplicaSizes(canary, replicas);
        }
        return new ReplicaSizes(canary, Math.max(1, replicas - canary));
    }
}
