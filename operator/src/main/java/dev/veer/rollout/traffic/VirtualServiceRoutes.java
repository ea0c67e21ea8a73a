package dev.veer.rollout.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.veer.api.HeaderMatch;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The pure part of {@link IstioRouter}: the user's VirtualService with Veer's weights and header route. Istio's types
 * are not on the classpath, so the VirtualService is a generic resource and its {@code spec} is edited as a JSON tree.
 *
 * <p>The <em>managed routes</em> are the {@code spec.http} entries named in {@code trafficRouting.istio.routes} (the
 * first entry when unset); each gets the stable slot Service at {@code 100 - w} and the canary slot Service at
 * {@code w} (keeping the port of its first destination, if it named one). A header route is one entry named
 * {@value #HEADER_ROUTE} at the head of {@code spec.http}: a copy of the first managed route (so its timeout, retries
 * and rewrites apply to header-routed requests too) with one match block per URI of that route (one block when it has
 * none) holding every header condition (all must hold), to the canary slot at weight 100. Istio wants lower-case
 * header names; they are written so.
 */
final class VirtualServiceRoutes {

    /** How the client reaches VirtualServices: explicit, as the mock API server has no discovery. */
    static final ResourceDefinitionContext VIRTUAL_SERVICES = new ResourceDefinitionContext.Builder()
            .withGroup("networking.istio.io")
            .withVersion("v1")
            .withKind("VirtualService")
            .withPlural("virtualservices")
            .withNamespaced(true)
            .build();

    /** Name of the http route that sends header-matched requests to the canary. */
    static final String HEADER_ROUTE = "veer-header-route";

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Comparator<JsonNode> SAME_NUMBER = (a, b) -> a.equals(b)
            || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0) ? 0 : 1;

    private VirtualServiceRoutes() {
    }

    /**
     * {@code current} with the managed routes at {@code weight} and the header route for {@code headerRoute} (none
     * when it is empty). Does not modify {@code current}.
     *
     * @throws TrafficRoutingException when the VirtualService has no http routes or lacks a route named in
     *         {@code routes}
     * @throws IllegalArgumentException for a weight outside 0..100 or a malformed header route
     */
    static GenericKubernetesResource desired(GenericKubernetesResource current, RouteTarget target,
            List<String> routes, int weight, List<HeaderMatch> headerRoute) {
        Weights.require(weight);
        HeaderMatches.requireDistinctNames(headerRoute, IstioRouter.NAME);
        ObjectNode spec = spec(current);
        ArrayNode http = httpRoutes(current, spec);
        for (Iterator<JsonNode> it = http.elements(); it.hasNext();) {
            if (HEADER_ROUTE.equals(it.next().path("name").asText(null))) {
                it.remove();
            }
        }
        List<ObjectNode> managed = managedRoutes(current, http, routes);
        for (ObjectNode route : managed) {
            JsonNode port = route.path("route").path(0).path("destination").get("port");
            ArrayNode destinations = route.putArray("route");
            destinations.add(destination(target.stableSlotService(), port, 100 - weight));
            destinations.add(destination(target.canarySlotService(), port, weight));
        }
        if (!headerRoute.isEmpty()) {
            http.insert(0, headerRoute(managed.get(0), target, headerRoute));
        }
        GenericKubernetesResource desired = JSON.convertValue(current, GenericKubernetesResource.class);
        desired.setAdditionalProperty("spec", JSON.convertValue(spec, Map.class));
        return desired;
    }

    /**
     * What Veer applies to the VirtualService: its {@code spec.http}, nothing else (hosts, gateways, tcp and tls
     * routes stay the user's). Istio's CRD declares no list type for {@code spec.http}, so the API server treats it
     * as atomic: Veer's apply owns the whole list, the user's other http routes included, as they were when read.
     */
    static GenericKubernetesResource applyConfiguration(GenericKubernetesResource desired) {
        GenericKubernetesResource fields = new GenericKubernetesResource();
        fields.setApiVersion(VIRTUAL_SERVICES.getGroup() + "/" + VIRTUAL_SERVICES.getVersion());
        fields.setKind(VIRTUAL_SERVICES.getKind());
        fields.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(desired.getMetadata().getName())
                .withNamespace(desired.getMetadata().getNamespace()).build());
        ObjectNode spec = JSON.createObjectNode();
        spec.set("http", spec(desired).get("http"));
        fields.setAdditionalProperty("spec", JSON.convertValue(spec, Map.class));
        return fields;
    }

    /** True when the two VirtualServices have the same spec (numbers compared by value). */
    static boolean sameSpec(GenericKubernetesResource left, GenericKubernetesResource right) {
        return spec(left).equals(SAME_NUMBER, spec(right));
    }

    /** The canary weight of the managed routes and the header route of the header route entry. */
    static RouteState read(GenericKubernetesResource vs, RouteTarget target, List<String> routes) {
        ArrayNode http;
        List<ObjectNode> managed;
        try {
            http = httpRoutes(vs, spec(vs));
            managed = managedRoutes(vs, withoutHeaderRoute(http), routes);
        } catch (TrafficRoutingException e) {
            return RouteState.problem(e.getMessage());
        }
        Set<Integer> weights = new LinkedHashSet<>();
        managed.forEach(route -> weights.add(canaryWeight(route, target)));
        if (weights.size() > 1) {
            return RouteState.problem("VirtualService " + vs.getMetadata().getName() + " sends different shares "
                    + "of its managed routes to the canary: " + weights);
        }
        List<HeaderMatch> headerRoute = List.of();
        for (JsonNode route : http) {
            if (HEADER_ROUTE.equals(route.path("name").asText(null))) {
                headerRoute = headerMatches(route, target);
                break;
            }
        }
        return RouteState.of(weights.iterator().next(), headerRoute);
    }

    private static ObjectNode spec(GenericKubernetesResource vs) {
        Object spec = vs.getAdditionalProperties().get("spec");
        return spec == null ? JSON.createObjectNode() : JSON.valueToTree(spec);
    }

    private static ArrayNode httpRoutes(GenericKubernetesResource vs, ObjectNode spec) {
        if (!(spec.get("http") instanceof ArrayNode http) || http.isEmpty()) {
            throw new TrafficRoutingException("VirtualService " + vs.getMetadata().getName() + " has no http routes");
        }
        return http;
    }

    private static ArrayNode withoutHeaderRoute(ArrayNode http) {
        ArrayNode others = JSON.createArrayNode();
        http.forEach(route -> {
            if (!HEADER_ROUTE.equals(route.path("name").asText(null))) {
                others.add(route);
            }
        });
        return others;
    }

    private static List<ObjectNode> managedRoutes(GenericKubernetesResource vs, ArrayNode http, List<String> names) {
        if (http.isEmpty() || !(http.get(0) instanceof ObjectNode first)) {
            throw new TrafficRoutingException("VirtualService " + vs.getMetadata().getName()
                    + " has no http route besides Veer's header route");
        }
        if (names == null || names.isEmpty()) {
            return List.of(first);
        }
        List<ObjectNode> managed = new ArrayList<>();
        for (String name : names) {
            JsonNode found = null;
            for (JsonNode route : http) {
                if (name.equals(route.path("name").asText(null))) {
                    found = route;
                    break;
                }
            }
            if (!(found instanceof ObjectNode route)) {
                throw new TrafficRoutingException("VirtualService " + vs.getMetadata().getName()
                        + " has no http route named " + name);
            }
            managed.add(route);
        }
        return managed;
    }

    private static ObjectNode destination(String host, JsonNode port, int weight) {
        ObjectNode destination = JSON.createObjectNode();
        ObjectNode to = destination.putObject("destination");
        to.put("host", host);
        if (port != null && !port.isNull()) {
            to.set("port", port.deepCopy());
        }
        destination.put("weight", weight);
        return destination;
    }

    private static ObjectNode headerRoute(ObjectNode managed, RouteTarget target, List<HeaderMatch> headerRoute) {
        ObjectNode headers = JSON.createObjectNode();
        for (HeaderMatch match : headerRoute) {
            String kind = HeaderMatches.kind(match).name().toLowerCase(Locale.ROOT);
            headers.putObject(match.getName().toLowerCase(Locale.ROOT)).put(kind, HeaderMatches.value(match));
        }
        Set<JsonNode> uris = new LinkedHashSet<>();
        managed.path("match").forEach(block -> uris.add(block.get("uri")));
        if (uris.isEmpty()) {
            uris.add(null);
        }
        ObjectNode route = managed.deepCopy();
        route.put("name", HEADER_ROUTE);
        ArrayNode match = route.putArray("match");
        for (JsonNode uri : uris) {
            ObjectNode block = match.addObject();
            if (uri != null) {
                block.set("uri", uri.deepCopy());
            }
            block.set("headers", headers.deepCopy());
        }
        JsonNode port = managed.path("route").path(0).path("destination").get("port");
        route.putArray("route").add(destination(target.canarySlotService(), port, 100));
        return route;
    }

    /** The canary slot's share of a route's destinations; a lone destination without a weight has 100. */
    private static int canaryWeight(JsonNode route, RouteTarget target) {
        JsonNode destinations = route.path("route");
        long total = 0;
        long canary = 0;
        for (JsonNode destination : destinations) {
            long weight = destination.has("weight") ? destination.get("weight").asLong()
                    : destinations.size() == 1 ? 100 : 0;
            total += weight;
            if (isService(destination.path("destination").path("host").asText(""), target.canarySlotService(),
                    target)) {
                canary += weight;
            }
        }
        return Weights.percent(canary, total);
    }

    private static List<HeaderMatch> headerMatches(JsonNode route, RouteTarget target) {
        JsonNode destinations = route.path("route");
        boolean toCanary = !destinations.isEmpty() && StreamSupport.stream(destinations.spliterator(), false)
                .allMatch(d -> isService(d.path("destination").path("host").asText(""), target.canarySlotService(),
                        target));
        if (!toCanary) {
            return List.of();
        }
        List<HeaderMatch> matches = new ArrayList<>();
        route.path("match").path(0).path("headers").fields().forEachRemaining(header -> {
            JsonNode condition = header.getValue();
            String name = header.getKey();
            if (condition.has("exact")) {
                matches.add(HeaderMatches.exact(name, condition.get("exact").asText()));
            } else if (condition.has("prefix")) {
                matches.add(HeaderMatches.prefix(name, condition.get("prefix").asText()));
            } else if (condition.has("regex")) {
                matches.add(HeaderMatches.regex(name, condition.get("regex").asText()));
            }
        });
        return matches;
    }

    /** Istio resolves a short host name in the VirtualService's namespace; longer forms name it too. */
    private static boolean isService(String host, String service, RouteTarget target) {
        String inNamespace = service + "." + target.namespace();
        return host.equals(service) || host.equals(inNamespace) || host.equals(inNamespace + ".svc")
                || host.startsWith(inNamespace + ".svc.");
    }
}
