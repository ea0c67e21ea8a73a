package dev.veer.rollout.traffic;

import static dev.veer.rollout.traffic.HeaderMatches.exact;
import static dev.veer.rollout.traffic.HeaderMatches.prefix;
import static dev.veer.rollout.traffic.HeaderMatches.regex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.veer.api.HeaderMatch;
import dev.veer.testing.Golden;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

class VirtualServiceRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> API = List.of("api");

    private final RouteTarget target = Fixtures.target("istio");
    private final GenericKubernetesResource user = Golden.of("istio").input("virtualservice.yaml",
            GenericKubernetesResource.class);

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of(0, List.of()),
                Arguments.of(30, List.of()),
                Arguments.of(100, List.of()),
                Arguments.of(0, List.of(exact("x-canary", "always"))),
                Arguments.of(30, List.of(exact("x-canary", "always"), prefix("x-version", "2.1."))),
                Arguments.of(100, List.of(regex("x-canary", "^(yes|true)$"))));
    }

    @ParameterizedTest(name = "weight {0}")
    @ValueSource(ints = {0, 30, 100})
    void managedRouteSendsTheWeightToTheCanarySlotAndTheRestToTheStableSlot(int weight) {
        JsonNode route = http(VirtualServiceRoutes.desired(user, target, API, weight, List.of())).get(1);

        assertThat(route.path("name").asText()).isEqualTo("api");
        assertThat(route.path("route").path(0).path("destination").path("host").asText()).isEqualTo("checkout-blue");
        assertThat(route.path("route").path(0).path("weight").asInt()).isEqualTo(100 - weight);
        assertThat(route.path("route").path(1).path("destination").path("host").asText())
                .isEqualTo("checkout-green");
        assertThat(route.path("route").path(1).path("weight").asInt()).isEqualTo(weight);
    }

    @ParameterizedTest(name = "weight {0}, header route {1}")
    @MethodSource("routes")
    void applyingTheSameRouteAgainChangesNothing(int weight, List<HeaderMatch> headerRoute) {
        GenericKubernetesResource once = VirtualServiceRoutes.desired(user, target, API, weight, headerRoute);

        GenericKubernetesResource twice = VirtualServiceRoutes.desired(once, target, API, weight, headerRoute);

        assertThat(VirtualServiceRoutes.sameSpec(once, twice)).isTrue();
        assertThat(twice).isEqualTo(once);
    }

    @ParameterizedTest(name = "weight {0}, header route {1}")
    @MethodSource("routes")
    void readingBackGivesTheRouteThatWasSet(int weight, List<HeaderMatch> headerRoute) {
        GenericKubernetesResource vs = VirtualServiceRoutes.desired(user, target, API, weight, headerRoute);

        RouteState state = VirtualServiceRoutes.read(vs, target, API);

        assertThat(state.weight()).hasValue(weight);
        assertThat(state.headerRoute()).isEqualTo(headerRoute);
    }

    @Test
    void headerRouteIsInsertedAtTheHeadWithAllConditionsInEachMatchBlock() {
        JsonNode http = http(VirtualServiceRoutes.desired(user, target, API, 30,
                List.of(exact("X-Canary", "always"), regex("X-Tenant", "^(a|b)$"))));

        JsonNode header = http.get(0);
        assertThat(header.path("name").asText()).isEqualTo(VirtualServiceRoutes.HEADER_ROUTE);
        assertThat(header.path("match")).hasSize(2).allSatisfy(block -> {
            assertThat(block.path("headers").path("x-canary").path("exact").asText()).isEqualTo("always");
            assertThat(block.path("headers").path("x-tenant").path("regex").asText()).isEqualTo("^(a|b)$");
        });
        assertThat(header.path("match").path(0).path("uri").path("prefix").asText()).isEqualTo("/checkout");
        assertThat(header.path("route")).hasSize(1);
        assertThat(header.path("route").path(0).path("destination").path("host").asText())
                .isEqualTo("checkout-green");
        assertThat(header.path("route").path(0).path("weight").asInt()).isEqualTo(100);
        assertThat(http).hasSize(3);
    }

    @Test
    void headerRouteIsRemovedWhenMatchListIsEmpty() {
        GenericKubernetesResource withHeader = VirtualServiceRoutes.desired(user, target, API, 30,
                List.of(exact("x-canary", "always")));

        GenericKubernetesResource without = VirtualServiceRoutes.desired(withHeader, target, API, 30, List.of());

        assertThat(http(without)).hasSize(2);
        assertThat(VirtualServiceRoutes.sameSpec(without,
                VirtualServiceRoutes.desired(user, target, API, 30, List.of()))).isTrue();
    }

    @Test
    void otherRoutesAreLeftAlone() {
        GenericKubernetesResource vs = VirtualServiceRoutes.desired(user, target, API, 30,
                List.of(exact("x-canary", "always")));

        assertThat(http(vs).get(1)).isEqualTo(http(user).get(0));
        assertThat(spec(vs).get("hosts")).isEqualTo(spec(user).get("hosts"));
        assertThat(spec(vs).get("gateways")).isEqualTo(spec(user).get("gateways"));
    }

    @Test
    void firstHttpRouteIsManagedWhenNoRoutesAreNamed() {
        JsonNode http = http(VirtualServiceRoutes.desired(user, target, null, 30, List.of()));

        assertThat(http.get(0).path("name").asText()).isEqualTo("static");
        assertThat(http.get(0).path("route").path(1).path("destination").path("host").asText())
                .isEqualTo("checkout-green");
        assertThat(http.get(1)).isEqualTo(http(user).get(1));
    }

    @Test
    void namedRouteThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> VirtualServiceRoutes.desired(user, target, List.of("web"), 30, List.of()))
                .isInstanceOf(TrafficRoutingException.class).hasMessageContaining("no http route named web");
        assertThat(VirtualServiceRoutes.read(user, target, List.of("web")).problem()).isPresent();
    }

    @Test
    void destinationHostIsRecognisedInItsLongerForms() {
        GenericKubernetesResource vs = VirtualServiceRoutes.desired(user, target, API, 30, List.of());
        JsonNode spec = spec(vs);
        ((ObjectNode) spec.path("http").path(1).path("route").path(1)
                .path("destination")).put("host", "checkout-green.shop.svc.cluster.local");
        vs.setAdditionalProperty("spec", JSON.convertValue(spec, Map.class));

        assertThat(VirtualServiceRoutes.read(vs, target, API).weight()).hasValue(30);
    }

    @Test
    void userVirtualServiceIsNotModified() {
        JsonNode before = spec(user).deepCopy();

        VirtualServiceRoutes.desired(user, target, API, 30, List.of(exact("x-canary", "always")));

        assertThat(spec(user)).isEqualTo(before);
    }

    @Test
    void userRouteWithOneUnweightedDestinationCarriesWeightZero() {
        assertThat(VirtualServiceRoutes.read(user, target, API).carries(0, List.of())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101})
    void weightOutsideZeroToOneHundredIsRejected(int weight) {
        assertThatThrownBy(() -> VirtualServiceRoutes.desired(user, target, API, weight, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode spec(GenericKubernetesResource vs) {
        return JSON.valueToTree(vs.getAdditionalProperties().get("spec"));
    }

    private static JsonNode http(GenericKubernetesResource vs) {
        return spec(vs).path("http");
    }
}
