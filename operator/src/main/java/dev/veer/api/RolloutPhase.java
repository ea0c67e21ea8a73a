package dev.veer.api;

/** Where a rollout stands, as shown in {@code status.phase}. */
public enum RolloutPhase {
    /** Moving towards the desired version: pods starting, a step running, traffic shifting. */
    Progressing,
    /** Waiting at a pause step, for a promote action, or because {@code spec.paused} is set. */
    Paused,
    /** All traffic on the desired version, which is the stable one. */
    Healthy,
    /** Aborted (by a user, a failed analysis or the progress deadline): traffic is on the stable version. */
    Degraded
}
