package dev.veer.rollout;

import java.util.List;
import java.util.Optional;

import dev.veer.api.ConfigRevision;
import dev.veer.api.ServiceRollout;
import dev.veer.common.ContentHash;
import dev.veer.rollout.model.ConfigInjection;
import dev.veer.rollout.plan.SpecCheck;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * The pod template a rollout should run: spec.template with the current versions of its spec.configFrom
 * ConfigWatches put in ({@link ConfigInjection}), or, with spec.rollbackTo, the template of the snapshot it names
 * (the configuration recorded with it included; spec.template when that snapshot does not exist: the planner reports
 * the InvalidSpec). A configFrom that cannot be resolved yet is {@code configProblem}: the planner reports it and
 * changes nothing.
 *
 * @param configRevisions the ConfigWatch revisions the template uses, recorded in its snapshot
 */
record Desired(PodTemplateSpec template, String hash, String specHash, Optional<Integer> rollbackTo,
        List<ConfigRevision> configRevisions, Optional<SpecCheck.Problem> configProblem) {

    static Desired of(ServiceRollout rollout, OwnedObjects owned) {
        ConfigInjection.Result resolved = ConfigInjection.resolve(rollout.getSpec().getTemplate(),
                rollout.getSpec().getConfigFrom(), owned.configWatches());
        PodTemplateSpec spec = resolved.template();
        String specHash = ContentHash.of(spec);
        Optional<Integer> rollbackTo = Optional.ofNullable(rollout.getSpec().getRollbackTo())
                .map(r -> r.getRevision());
        return rollbackTo.flatMap(owned::snapshot)
                .map(s -> new Desired(s.getSpec().getTemplate(), s.getSpec().getContentHash(), specHash, rollbackTo,
                        Optional.ofNullable(s.getSpec().getConfigRevisions()).orElse(List.of()), Optional.empty()))
                .orElse(new Desired(spec, specHash, specHash, rollbackTo, resolved.configRevisions(),
                        resolved.problem()));
    }
}
