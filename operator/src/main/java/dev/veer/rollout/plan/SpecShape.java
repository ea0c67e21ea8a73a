package dev.veer.rollout.plan;

import java.util.List;
import java.util.Optional;

import dev.veer.api.CanaryStep;
import dev.veer.api.ServiceRollout;
import dev.veer.api.ServiceRolloutSpec;
import dev.veer.common.GoDuration;

/**
 * Checks what a ServiceRollout's spec must be before anything can be planned from it, from the spec alone: a template
 * with containers, a Service with ports, exactly one strategy, canary steps Veer can carry out. The first problem
 * found is reported ({@link InvalidSpecReason}); pure, no cluster state.
 */
public final class SpecShape {

    private SpecShape() {
    }

    public static Optional<SpecCheck.Problem> check(ServiceRollout rollout) {
        ServiceRolloutSpec spec = rollout.getSpec();
        if (spec == null || spec.getTemplate() == null || spec.getTemplate().getSpec() == null
                || spec.getTemplate().getSpec().getContainers() == null
                || spec.getTemplate().getSpec().getContainers().isEmpty()) {
            return Optional.of(InvalidSpecReason.MISSING_TEMPLATE.problem());
        }
        if (spec.getReplicas() != null && spec.getReplicas() < 0) {
            return Optional.of(InvalidSpecReason.INVALID_REPLICAS.problem(spec.getReplicas()));
        }
        if (spec.getService() == null || spec.getService().getPorts() == null
                || spec.getService().getPorts().isEmpty()) {
            return Optional.of(InvalidSpecReason.MISSING_SERVICE.problem());
        }
        var strategy = spec.getStrategy();
        if (strategy == null || (strategy.getCanary() == null && strategy.getBlueGreen() == null)) {
            return Optional.of(InvalidSpecReason.STRATEGY_MISSING.problem());
        }
        if (strategy.getCanary() != null && strategy.getBlueGreen() != null) {
            return Optional.of(InvalidSpecReason.BOTH_STRATEGIES.problem());
        }
        if (strategy.getCanary() != null && strategy.getCanary().getSteps() != null) {
            return steps(strategy.getCanary().getSteps());
        }
        return Optional.empty();
    }

    private static Optional<SpecCheck.Problem> steps(List<CanaryStep> steps) {
        for (int i = 0; i < steps.size(); i++) {
            CanaryStep step = steps.get(i);
            if (step == null || kinds(step) != 1) {
                return Optional.of(InvalidSpecReason.INVALID_STEP.problem(i));
            }
            Integer weight = step.getSetWeight();
            if (weight != null && (weight < 0 || weight > 100)) {
                return Optional.of(InvalidSpecReason.INVALID_WEIGHT.problem(i, weight));
            }
            String duration = step.getPause() == null ? null : step.getPause().getDuration();
            if (duration != null && !parses(duration)) {
                return Optional.of(InvalidSpecReason.INVALID_DURATION.problem(i, duration));
            }
        }
        return Optional.empty();
    }

    private static int kinds(CanaryStep step) {
        int kinds = 0;
        for (Object part : new Object[] { step.getSetWeight(), step.getPause(), step.getSetHeaderRoute(),
                step.getAnalysis() }) {
            kinds += part == null ? 0 : 1;
        }
        return kinds;
    }

    private static boolean parses(String duration) {
        try {
            GoDuration.parse(duration);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
