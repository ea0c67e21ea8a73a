package dev.veer.rollout.traffic;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.veer.api.HeaderMatch;

/**
 * What a router reads back from the cluster: the canary weight its objects carry, the header matches routed to the
 * canary, or the problem that keeps it from routing (a missing HTTPRoute, say).
 */
public record RouteState(OptionalInt weight, List<HeaderMatch> headerRoute, Optional<String> problem) {

    public static RouteState of(int weight, List<HeaderMatch> headerRoute) {
        return new RouteState(OptionalInt.of(weight), List.copyOf(headerRoute), Optional.empty());
    }

    public static RouteState problem(String problem) {
        return new RouteState(OptionalInt.empty(), List.of(), Optional.of(problem));
    }

    /**
     * True when the router's objects carry exactly this weight and header matches equivalent to these (a data plane
     * may lower-case header names, reorder matches or express a prefix as a regular expression).
     */
    public boolean carries(int expectedWeight, List<HeaderMatch> expectedHeaderRoute) {
        return problem.isEmpty() && weight.isPresent() && weight.getAsInt() == expectedWeight
                && HeaderMatches.equivalent(headerRoute, expectedHeaderRoute);
    }
}
