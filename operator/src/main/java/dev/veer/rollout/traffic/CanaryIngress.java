package dev.veer.rollout.traffic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.veer.api.HeaderMatch;
import dev.veer.common.Labels;
import dev.veer.common.OwnerReferences;
import dev.veer.rollout.model.RolloutNames;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPortBuilder;

/**
 * The pure part of {@link NginxRouter}: the canary Ingress that ingress-nginx merges with the user's Ingress.
 *
 * <p>It has the user's ingress class, TLS, hosts and those paths whose backend is the stable Service (or a slot
 * Service), each sent to the canary slot Service on the same port. Paths of the user's Ingress that go to other
 * Services are left out, so that their traffic is not shifted. The annotations carry the weight and at most one
 * header match; ingress-nginx ignores the canary Ingress's other annotations.
 */
final class CanaryIngress {

    static final String CANARY = "nginx.ingress.kubernetes.io/canary";
    static final String WEIGHT = "nginx.ingress.kubernetes.io/canary-weight";
    static final String BY_HEADER = "nginx.ingress.kubernetes.io/canary-by-header";
    static final String BY_HEADER_VALUE = "nginx.ingress.kubernetes.io/canary-by-header-value";
    static final String BY_HEADER_PATTERN = "nginx.ingress.kubernetes.io/canary-by-header-pattern";

    private CanaryIngress() {
    }

    /**
     * The canary Ingress for the user's Ingress at {@code weight} with {@code headerRoute}.
     *
     * @throws IllegalArgumentException for a weight outside 0..100 or more than one header match
     * @throws TrafficRoutingException when no path of the user's Ingress goes to the stable Service
     */
    static Ingress desired(Ingress user, RouteTarget target, int weight, List<HeaderMatch> headerRoute) {
        Weights.require(weight);
        if (headerRoute.size() > 1) {
            throw new IllegalArgumentException("The " + NginxRouter.NAME + " router can route by one header only "
                    + "(ingress-nginx has a single canary-by-header), not by " + headerRoute.size() + ": "
                    + headerRoute);
        }
        HeaderMatches.requireDistinctNames(headerRoute, NginxRouter.NAME);
        List<IngressRule> rules = Objects.requireNonNullElse(user.getSpec().getRules(), List.<IngressRule>of())
                .stream()
                .map(rule -> canaryRule(rule, target))
                .flatMap(Optional::stream)
                .toList();
        if (rules.isEmpty()) {
            throw new TrafficRoutingException("Ingress " + user.getMetadata().getName()
                    + " has no path to Service " + target.stableService());
        }
        String rollout = target.rollout().getMetadata().getName();
        return new IngressBuilder()
                .withNewMetadata()
                .withName(RolloutNames.canaryIngress(user.getMetadata().getName()))
                .withNamespace(target.namespace())
                .withLabels(Labels.rollout(rollout))
                .withAnnotations(annotations(weight, headerRoute))
                .withOwnerReferences(OwnerReferences.controller(target.rollout()))
                .endMetadata()
                .withNewSpec()
                .withIngressClassName(user.getSpec().getIngressClassName())
                .withTls(user.getSpec().getTls())
                .withRules(rules)
                .endSpec()
                .build();
    }

    /**
     * {@code current} with the labels, annotations, owner references and spec of {@code desired}; its other metadata
     * (resourceVersion, finalizers, other owners' fields) kept.
     */
    static Ingress update(Ingress current, Ingress desired) {
        return new IngressBuilder(current)
                .editMetadata()
                .withLabels(desired.getMetadata().getLabels())
                .withAnnotations(desired.getMetadata().getAnnotations())
                .withOwnerReferences(desired.getMetadata().getOwnerReferences())
                .endMetadata()
                .withSpec(desired.getSpec())
                .build();
    }

    /**
     * The weight and header route the canary Ingress carries; none when there is no canary Ingress, or when it sends
     * traffic elsewhere than to the canary slot (left from an earlier rollout, say).
     */
    static RouteState read(Optional<Ingress> canary, RouteTarget target) {
        if (canary.isEmpty()) {
            return RouteState.of(0, List.of());
        }
        Ingress ingress = canary.get();
        String name = ingress.getMetadata().getName();
        Map<String, String> annotations = Objects.requireNonNullElse(ingress.getMetadata().getAnnotations(),
                Map.of());
        if (!"true".equals(annotations.get(CANARY))) {
            return RouteState.problem("Ingress " + name + " lacks the annotation " + CANARY + ": \"true\"");
        }
        if (!sendsOnlyTo(ingress, target.canarySlotService())) {
            return RouteState.of(0, List.of());
        }
        int weight;
        try {
            weight = Integer.parseInt(annotations.getOrDefault(WEIGHT, "0").trim());
        } catch (NumberFormatException e) {
            return RouteState.problem("Ingress " + name + " has a " + WEIGHT + " that is not a number: "
                    + annotations.get(WEIGHT));
        }
        String header = annotations.get(BY_HEADER);
        if (header == null) {
            return RouteState.of(weight, List.of());
        }
        if (annotations.containsKey(BY_HEADER_VALUE)) {
            return RouteState.of(weight, List.of(HeaderMatches.exact(header, annotations.get(BY_HEADER_VALUE))));
        }
        if (annotations.containsKey(BY_HEADER_PATTERN)) {
            return RouteState.of(weight,
                    List.of(HeaderMatches.fromRegex(header, annotations.get(BY_HEADER_PATTERN))));
        }
        return RouteState.problem("Ingress " + name + " has " + BY_HEADER + " without " + BY_HEADER_VALUE + " or "
                + BY_HEADER_PATTERN);
    }

    private static Map<String, String> annotations(int weight, List<HeaderMatch> headerRoute) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(CANARY, "true");
        annotations.put(WEIGHT, Integer.toString(weight));
        for (HeaderMatch match : headerRoute) {
            annotations.put(BY_HEADER, match.getName());
            switch (HeaderMatches.kind(match)) {
                case EXACT -> annotations.put(BY_HEADER_VALUE, match.getExact());
                case PREFIX -> annotations.put(BY_HEADER_PATTERN, HeaderMatches.prefixAsRegex(match.getPrefix()));
                case REGEX -> annotations.put(BY_HEADER_PATTERN, match.getRegex());
            }
        }
        return annotations;
    }

    private static Optional<IngressRule> canaryRule(IngressRule rule, RouteTarget target) {
        if (rule.getHttp() == null || rule.getHttp().getPaths() == null) {
            return Optional.empty();
        }
        List<HTTPIngressPath> paths = rule.getHttp().getPaths().stream()
                .filter(path -> routesToRollout(path.getBackend(), target))
                .map(path -> new HTTPIngressPathBuilder(path)
                        .withNewBackend()
                        .withNewService()
                        .withName(target.canarySlotService())
                        .withPort(samePort(path.getBackend().getService().getPort()))
                        .endService()
                        .endBackend()
                        .build())
                .toList();
        if (paths.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IngressRuleBuilder().withHost(rule.getHost())
                .withHttp(new HTTPIngressRuleValue(paths)).build());
    }

    private static ServiceBackendPort samePort(ServiceBackendPort port) {
        return port == null ? null : new ServiceBackendPortBuilder(port).build();
    }

    private static boolean routesToRollout(IngressBackend backend, RouteTarget target) {
        String service = serviceOf(backend);
        return target.stableService().equals(service) || target.stableSlotService().equals(service)
                || target.canarySlotService().equals(service);
    }

    private static boolean sendsOnlyTo(Ingress ingress, String service) {
        return ingress.getSpec() != null && ingress.getSpec().getRules() != null
                && ingress.getSpec().getRules().stream()
                        .filter(rule -> rule.getHttp() != null && rule.getHttp().getPaths() != null)
                        .flatMap(rule -> rule.getHttp().getPaths().stream())
                        .allMatch(path -> service.equals(serviceOf(path.getBackend())));
    }

    private static String serviceOf(IngressBackend backend) {
        IngressServiceBackend service = backend == null ? null : backend.getService();
        return service == null ? null : service.getName();
    }
}
