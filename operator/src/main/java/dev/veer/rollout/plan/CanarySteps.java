package dev.veer.rollout.plan;

import java.util.List;

import dev.veer.api.CanaryStep;
import dev.veer.api.HeaderMatch;

/** What a list of canary steps asks for at a given step index: the weight and the header route in effect. */
public record CanarySteps(List<CanaryStep> steps) {

    public CanarySteps {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public int size() {
        return steps.size();
    }

    public CanaryStep get(int index) {
        return steps.get(index);
    }

    /** The weight in effect while step {@code index} runs: the last setWeight up to it, 0 before any, 100 past the end. */
    public int weightAt(int index) {
        if (index >= steps.size()) {
            return 100;
        }
        for (int i = index; i >= 0; i--) {
            if (steps.get(i).getSetWeight() != null) {
                return steps.get(i).getSetWeight();
            }
        }
        return 0;
    }

    /** The header matches routed to the canary while step {@code index} runs: the last setHeaderRoute up to it. */
    public List<HeaderMatch> headerRouteAt(int index) {
        for (int i = Math.min(index, steps.size() - 1); i >= 0; i--) {
            var route = steps.get(i).getSetHeaderRoute();
            if (route != null) {
                return route.getMatch() == null ? List.of() : List.copyOf(route.getMatch());
            }
        }
        return List.of();
    }

    /** True when any step routes by header. */
    public boolean usesHeaderRoutes() {
        return steps.stream().anyMatch(s -> s.getSetHeaderRoute() != null && s.getSetHeaderRoute().getMatch() != null
                && !s.getSetHeaderRoute().getMatch().isEmpty());
    }
}
