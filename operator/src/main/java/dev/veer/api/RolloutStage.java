package dev.veer.api;

/**
 * The step of Veer's rollout state machine a rollout is in, kept in {@code status.stage} so that a restarted operator
 * resumes exactly where it stopped. The transitions are all in {@code dev.veer.rollout.plan.RolloutPlanner}:
 *
 * <pre>
 *   Deploying ──ready──▶ Stable ──new template──▶ Canary  ──last step──▶ Promoting ──verified──▶ Stable
 *                          ▲                 └──▶ Preview ──promote────▶ Promoting
 *                          │                           │ abort, deadline, template reverted
 *                          │                           ▼
 *                          └───template reverted─── Aborting ──traffic verified on stable──▶ Aborted
 *                                                                          Aborted ──retry / new template──▶ Canary | Preview
 * </pre>
 */
public enum RolloutStage {
    /** The first version is starting; there is no stable version yet. */
    Deploying,
    /** All traffic on the stable version; nothing in progress. */
    Stable,
    /** A new version takes traffic step by step. */
    Canary,
    /** Blue-green: a new version runs behind the preview Service, waiting for promotion. */
    Preview,
    /** The new version gets full capacity and all traffic, then becomes the stable version. */
    Promoting,
    /** Traffic returns to the stable version: capacity first, then traffic, then verification. */
    Aborting,
    /** Traffic is on the stable version; the new version is held until retried or replaced. */
    Aborted
}
