package dev.veer.rollout.traffic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.veer.api.HeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;

/**
 * The pure part of {@link GatewayApiRouter}: the user's HTTPRoute with Veer's weights and header rule.
 *
 * <p>Veer manages two kinds of rule and leaves every other rule, the hostnames and the parentRefs as they are:
 * <ul>
 * <li>the <em>managed rule</em>: the first rule whose backendRefs name the stable Service or a slot Service (else the
 * first rule); its backendRefs become the stable slot Service at {@code 100 - w} and the canary slot Service at
 * {@code w};</li>
 * <li>the <em>header rule</em>, present only with a header route: a copy of the managed rule (so its filters and
 * timeouts apply to header-routed requests too) whose matches are the managed rule's paths, each with all the header
 * matches, and whose only backendRef is the canary slot Service. It is named {@value #HEADER_RULE}. Rule names are in the Standard channel only
 * from Gateway API v1.4, and an API server with older CRDs drops the name, so a rule without a name is also taken for
 * the header rule when its only backendRef is a slot Service and each of its matches has header matches (either slot:
 * after a promotion the old canary slot is the stable one).</li>
 * </ul>
 * Backend references spell out the API server's defaults ({@code group: ""}, {@code kind: Service}) and header
 * matches their type, so that the object read back equals the one written and a second write is not needed.
 */
final class HttpRouteRules {

    /** Name of the rule that sends header-matched requests to the canary. */
    static final String HEADER_RULE = "veer-header-route";

    private static final String EXACT = "Exact";
    private static final String REGULAR_EXPRESSION = "RegularExpression";
    private static final String PATH_PREFIX = "PathPrefix";

    private HttpRouteRules() {
    }

    /**
     * {@code current} with the managed rule at {@code weight} and the header rule for {@code headerRoute} (none when
     * it is empty). Does not modify {@code current}.
     *
     * @throws TrafficRoutingException when the HTTPRoute has no rules
     * @throws IllegalArgumentException for a weight outside 0..100 or a malformed header route
     */
    static HTTPRoute desired(HTTPRoute current, RouteTarget target, int weight, List<HeaderMatch> headerRoute) {
        Weights.require(weight);
        HeaderMatches.requireDistinctNames(headerRoute, GatewayApiRouter.NAME);
        HTTPRoute route = new HTTPRouteBuilder(current).build();
        List<HTTPRouteRule> rules = rules(route);
        int header = headerRuleIndex(rules, target);
        int managed = managedRuleIndex(route, rules, header, target);
        HTTPRouteRule managedRule = rules.get(managed);

        List<HTTPRouteRule> next = new ArrayList<>(rules.size() + 1);
        for (int i = 0; i < rules.size(); i++) {
            if (i == managed) {
                next.add(new HTTPRouteRuleBuilder(managedRule).withBackendRefs(
                        backendRef(target.stableSlotService(), target, 100 - weight),
                        backendRef(target.canarySlotService(), target, weight)).build());
            } else if (i == header) {
                if (!headerRoute.isEmpty()) {
                    next.add(headerRule(managedRule, target, headerRoute));
                }
            } else {
                next.add(rules.get(i));
            }
        }
        if (header < 0 && !headerRoute.isEmpty()) {
            next.add(headerRule(managedRule, target, headerRoute));
        }
        route.getSpec().setRules(next);
        return route;
    }

    /**
     * What Veer applies to the HTTPRoute: its {@code spec.rules}, nothing else (parentRefs and hostnames stay the
     * user's). Gateway API's CRD declares no list type for {@code spec.rules}, so the API server treats it as atomic:
     * Veer's apply owns the whole list, the user's other rules included, as they were when read.
     */
    static HTTPRoute applyConfiguration(HTTPRoute desired) {
        return new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(desired.getMetadata().getName())
                .withNamespace(desired.getMetadata().getNamespace())
                .endMetadata()
                .withNewSpec().withRules(desired.getSpec().getRules()).endSpec()
                .build();
    }

    /** The canary weight of the managed rule and the header route of the header rule. */
    static RouteState read(HTTPRoute route, RouteTarget target) {
        List<HTTPRouteRule> rules = route.getSpec() == null ? null : route.getSpec().getRules();
        if (rules == null || rules.isEmpty()) {
            return RouteState.problem(noRules(route));
        }
        int header = headerRuleIndex(rules, target);
        int managed = managedRuleIndex(route, rules, header, target);
        List<HTTPBackendRef> refs = Objects.requireNonNullElse(rules.get(managed).getBackendRefs(), List.of());
        long total = refs.stream().mapToLong(HttpRouteRules::weightOf).sum();
        long canary = refs.stream().filter(ref -> isService(ref, target.canarySlotService(), target))
                .mapToLong(HttpRouteRules::weightOf).sum();
        List<HeaderMatch> headerRoute = header < 0 ? List.of() : headerRouteOf(rules.get(header), target);
        return RouteState.of(Weights.percent(canary, total), headerRoute);
    }

    private static List<HTTPRouteRule> rules(HTTPRoute route) {
        List<HTTPRouteRule> rules = route.getSpec() == null ? null : route.getSpec().getRules();
        if (rules == null || rules.isEmpty()) {
            throw new TrafficRoutingException(noRules(route));
        }
        return rules;
    }

    private static String noRules(HTTPRoute route) {
        return "HTTPRoute " + route.getMetadata().getName() + " has no rules to send traffic to the rollout";
    }

    private static int headerRuleIndex(List<HTTPRouteRule> rules, RouteTarget target) {
        for (int i = 0; i < rules.size(); i++) {
            if (isHeaderRule(rules.get(i), target)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isHeaderRule(HTTPRouteRule rule, RouteTarget target) {
        if (HEADER_RULE.equals(rule.getName())) {
            return true;
        }
        List<HTTPBackendRef> refs = rule.getBackendRefs();
        List<HTTPRouteMatch> matches = rule.getMatches();
        return rule.getName() == null && refs != null && refs.size() == 1
                && (isService(refs.get(0), target.canarySlotService(), target)
                        || isService(refs.get(0), target.stableSlotService(), target))
                && matches != null && !matches.isEmpty()
                && matches.stream().allMatch(m -> m.getHeaders() != null && !m.getHeaders().isEmpty());
    }

    private static int managedRuleIndex(HTTPRoute route, List<HTTPRouteRule> rules, int header, RouteTarget target) {
        int first = -1;
        for (int i = 0; i < rules.size(); i++) {
            if (i == header) {
                continue;
            }
            if (first < 0) {
                first = i;
            }
            List<HTTPBackendRef> refs = Objects.requireNonNullElse(rules.get(i).getBackendRefs(), List.of());
            if (refs.stream().anyMatch(ref -> isService(ref, target.stableService(), target)
                    || isService(ref, target.stableSlotService(), target)
                    || isService(ref, target.canarySlotService(), target))) {
                return i;
            }
        }
        if (first < 0) {
            throw new TrafficRoutingException("HTTPRoute " + route.getMetadata().getName()
                    + " has only Veer's header rule, no rule to send traffic to the rollout");
        }
        return first;
    }

    private static boolean isService(HTTPBackendRef ref, String service, RouteTarget target) {
        return service.equals(ref.getName())
                && (ref.getGroup() == null || ref.getGroup().isEmpty())
                && (ref.getKind() == null || "Service".equals(ref.getKind()))
                && (ref.getNamespace() == null || ref.getNamespace().equals(target.namespace()));
    }

    /** Gateway API's default weight is 1. */
    private static long weightOf(HTTPBackendRef ref) {
        return ref.getWeight() == null ? 1 : ref.getWeight();
    }

    private static HTTPBackendRef backendRef(String service, RouteTarget target, int weight) {
        return new HTTPBackendRefBuilder()
                .withGroup("")
                .withKind("Service")
                .withName(service)
                .withPort(target.rollout().getSpec().getService().getPorts().get(0).getPort())
                .withWeight(weight)
                .build();
    }

    private static HTTPRouteRule headerRule(HTTPRouteRule managed, RouteTarget target, List<HeaderMatch> headerRoute) {
        List<HTTPHeaderMatch> headers = headerRoute.stream().map(HttpRouteRules::headerMatch).toList();
        Set<HTTPPathMatch> paths = new LinkedHashSet<>();
        for (HTTPRouteMatch match : Objects.requireNonNullElse(managed.getMatches(), List.<HTTPRouteMatch>of())) {
            paths.add(pathOrDefault(match.getPath()));
        }
        if (paths.isEmpty()) {
            paths.add(pathOrDefault(null));
        }
        List<HTTPRouteMatch> matches = paths.stream()
                .map(path -> new HTTPRouteMatchBuilder().withPath(path).withHeaders(headers).build())
                .toList();
        return new HTTPRouteRuleBuilder(managed)
                .withName(HEADER_RULE)
                .withMatches(matches)
                .withBackendRefs(backendRef(target.canarySlotService(), target, 100))
                .build();
    }

    /** The path match with the API server's defaults (PathPrefix, /) filled in. */
    private static HTTPPathMatch pathOrDefault(HTTPPathMatch path) {
        return new HTTPPathMatchBuilder()
                .withType(path == null || path.getType() == null ? PATH_PREFIX : path.getType())
                .withValue(path == null || path.getValue() == null ? "/" : path.getValue())
                .build();
    }

    private static HTTPHeaderMatch headerMatch(HeaderMatch match) {
        HTTPHeaderMatchBuilder header = new HTTPHeaderMatchBuilder().withName(match.getName());
        return switch (HeaderMatches.kind(match)) {
            case EXACT -> header.withType(EXACT).withValue(match.getExact()).build();
            case PREFIX -> header.withType(REGULAR_EXPRESSION)
                    .withValue(HeaderMatches.prefixAsRegex(match.getPrefix())).build();
            case REGEX -> header.withType(REGULAR_EXPRESSION).withValue(match.getRegex()).build();
        };
    }

    /** The header matches of the header rule, or none when it does not send traffic to the canary slot. */
    private static List<HeaderMatch> headerRouteOf(HTTPRouteRule rule, RouteTarget target) {
        List<HTTPBackendRef> refs = Objects.requireNonNullElse(rule.getBackendRefs(), List.of());
        boolean toCanary = !refs.isEmpty() && refs.stream()
                .allMatch(ref -> isService(ref, target.canarySlotService(), target));
        if (!toCanary || rule.getMatches() == null || rule.getMatches().isEmpty()) {
            return List.of();
        }
        List<HTTPHeaderMatch> headers = Objects.requireNonNullElse(rule.getMatches().get(0).getHeaders(), List.of());
        return headers.stream().map(header -> REGULAR_EXPRESSION.equals(header.getType())
                ? HeaderMatches.fromRegex(header.getName(), header.getValue())
                : HeaderMatches.exact(header.getName(), header.getValue())).toList();
    }
}
