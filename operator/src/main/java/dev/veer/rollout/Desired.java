package dev.veer.rollout;

import java.util.Optional;

import dev.veer.api.ServiceRollout;
import dev.veer.common.ContentHash;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * The pod template a rollout should run: spec.template, or, with spec.rollbackTo, the template of the snapshot it
 * names (spec.template when that snapshot does not exist; the planner reports the InvalidSpec).
 */
record Desired(PodTemplateSpec template, String hash, String specHash, Optional<Integer> rollbackTo) {

    static Desired of(ServiceRollout rollout, OwnedObjects owned) {
        PodTemplateSpec spec = rollout.getSpec().getTemplate();
        String specHash = ContentHash.of(spec);
        Optional<Integer> rollbackTo = Optional.ofNullable(rollout.getSpec().getRollbackTo())
                .map(r -> r.getRevision());
        return rollbackTo.flatMap(owned::snapshot)
                .map(s -> new Desired(s.getSpec().getTemplate(), s.getSpec().getContentHash(), specHash, rollbackTo))
                .orElse(new Desired(spec, specHash, specHash, rollbackTo));
    }
}
