package dev.veer.analysis;

import dev.veer.api.Slot;

/**
 * The rollout an analysis judges, as its placeholders see it.
 *
 * @param rollout the ServiceRollout's name: {@code {{rollout}}}
 * @param namespace its namespace, where HealthChecks and Secrets are looked up: {@code {{namespace}}}
 * @param slot the slot being judged (the new version's slot for a canary or pre-promotion analysis):
 *        {@code {{slot}}}, as {@code blue} or {@code green}
 * @param revision the revision being judged: {@code {{revision}}}
 */
public record RolloutContext(String rollout, String namespace, Slot slot, int revision) {
}
