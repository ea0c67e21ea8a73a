package dev.veer.rollout.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.veer.api.RolloutPhase;
import dev.veer.api.ServiceRollout;
import dev.veer.api.ServiceRolloutStatus;
import dev.veer.common.Conditions;

/**
 * The status of a rollout whose spec cannot be used ({@link SpecShape}): everything it had (stage, slots, revisions)
 * stays as it was, the phase is Degraded and the conditions say why, with the reason naming the field. Nothing else is
 * planned: no action, no requeue (a spec change starts the next pass). Pure.
 */
public final class UnusableSpec {

    private static final ObjectMapper COPIER = JsonMapper.builder().findAndAddModules().build();

    private UnusableSpec() {
    }

    public static ServiceRolloutStatus status(ServiceRollout rollout, SpecCheck.Problem problem, Instant now) {
        ServiceRolloutStatus status = rollout.getStatus() == null ? new ServiceRolloutStatus()
                : COPIER.convertValue(rollout.getStatus(), ServiceRolloutStatus.class);
        if (status.getConditions() == null) {
            status.setConditions(new ArrayList<>());
        }
        Long generation = rollout.getMetadata().getGeneration();
        String message = "invalid spec: " + problem.message();
        status.setObservedGeneration(generation);
        status.setPhase(RolloutPhase.Degraded);
        status.setMessage(message);
        var conditions = status.getConditions();
        Conditions.set(conditions, RolloutConditions.READY, false, problem.reason(), message, generation, now);
        Conditions.set(conditions, RolloutConditions.PROGRESSING, false, problem.reason(), message, generation, now);
        Conditions.set(conditions, RolloutConditions.DEGRADED, true, problem.reason(), message, generation, now);
        Conditions.set(conditions, RolloutConditions.INVALID_SPEC, true, problem.reason(), problem.message(),
                generation, now);
        return status;
    }

    /** True when the status already reports this problem for this generation: no event, no write needed. */
    public static boolean alreadyReported(ServiceRollout rollout, SpecCheck.Problem problem) {
        var status = rollout.getStatus();
        if (status == null || status.getConditions() == null
                || !Objects.equals(status.getObservedGeneration(), rollout.getMetadata().getGeneration())) {
            return false;
        }
        return Conditions.find(status.getConditions(), RolloutConditions.INVALID_SPEC)
                .filter(c -> "True".equals(c.getStatus()) && problem.reason().equals(c.getReason())
                        && problem.message().equals(c.getMessage()))
                .isPresent();
    }
}
