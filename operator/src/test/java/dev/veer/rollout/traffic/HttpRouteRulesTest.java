package dev.veer.rollout.traffic;

import static dev.veer.rollout.traffic.HeaderMatches.exact;
import static dev.veer.rollout.traffic.HeaderMatches.prefix;
import static dev.veer.rollout.traffic.HeaderMatches.regex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.veer.api.HeaderMatch;
import dev.veer.testing.Golden;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;

class HttpRouteRulesTest {

    private static final int MANAGED = 1;

    private final RouteTarget target = Fixtures.target("gateway-api");
    private final HTTPRoute user = Golden.of("gateway-api").input("httproute.yaml", HTTPRoute.class);

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of(0, List.of()),
                Arguments.of(30, List.of()),
                Arguments.of(100, List.of()),
                Arguments.of(0, List.of(exact("X-Canary", "always"))),
                Arguments.of(30, List.of(exact("X-Canary", "always"), prefix("X-Version", "2.1."))),
                Arguments.of(100, List.of(regex("X-Canary", "^(yes|true)$"))));
    }

    @ParameterizedTest(name = "weight {0}")
    @ValueSource(ints = {0, 30, 100})
    void managedRuleSendsTheWeightToTheCanarySlotAndTheRestToTheStableSlot(int weight) {
        HTTPRoute route = HttpRouteRules.desired(user, target, weight, List.of());

        assertThat(route.getSpec().getRules().get(MANAGED).getBackendRefs())
                .extracting(HTTPBackendRef::getName, HTTPBackendRef::getWeight, HTTPBackendRef::getPort)
                .containsExactly(tuple("checkout-blue", 100 - weight, 80), tuple("checkout-green", weight, 80));
    }

    @ParameterizedTest(name = "weight {0}, header route {1}")
    @MethodSource("routes")
    void applyingTheSameRouteAgainChangesNothing(int weight, List<HeaderMatch> headerRoute) {
        HTTPRoute once = HttpRouteRules.desired(user, target, weight, headerRoute);

        assertThat(HttpRouteRules.desired(once, target, weight, headerRoute)).isEqualTo(once);
    }

    @ParameterizedTest(name = "weight {0}, header route {1}")
    @MethodSource("routes")
    void readingBackGivesTheRouteThatWasSet(int weight, List<HeaderMatch> headerRoute) {
        HTTPRoute route = HttpRouteRules.desired(user, target, weight, headerRoute);

        RouteState state = HttpRouteRules.read(route, target);

        assertThat(state.weight()).hasValue(weight);
        assertThat(state.headerRoute()).isEqualTo(headerRoute);
    }

    @ParameterizedTest(name = "weight {0}, header route {1}")
    @MethodSource("routes")
    void otherRulesHostnamesAndParentRefsAreLeftAlone(int weight, List<HeaderMatch> headerRoute) {
        HTTPRoute route = HttpRouteRules.desired(user, target, weight, headerRoute);

        assertThat(route.getSpec().getHostnames()).isEqualTo(user.getSpec().getHostnames());
        assertThat(route.getSpec().getParentRefs()).isEqualTo(user.getSpec().getParentRefs());
        assertThat(route.getSpec().getRules().get(0)).isEqualTo(user.getSpec().getRules().get(0));
        assertThat(route.getSpec().getRules().get(2)).isEqualTo(user.getSpec().getRules().get(2));
    }

    @Test
    void headerMatchesBecomeGatewayApiMatchTypes() {
        HTTPRoute route = HttpRouteRules.desired(user, target, 30, List.of(exact("X-Canary", "always"),
                prefix("X-Version", "2.1."), regex("X-Tenant", "^(a|b)$")));

        HTTPRouteRule header = route.getSpec().getRules().get(3);
        assertThat(header.getName()).isEqualTo(HttpRouteRules.HEADER_RULE);
        assertThat(header.getMatches()).hasSize(2).allSatisfy(match -> assertThat(match.getHeaders())
                .extracting(HTTPHeaderMatch::getName, HTTPHeaderMatch::getType, HTTPHeaderMatch::getValue)
                .containsExactly(tuple("X-Canary", "Exact", "always"),
                        tuple("X-Version", "RegularExpression", "^2\\.1\\..*"),
                        tuple("X-Tenant", "RegularExpression", "^(a|b)$")));
        assertThat(header.getBackendRefs()).extracting(HTTPBackendRef::getName, HTTPBackendRef::getWeight)
                .containsExactly(tuple("checkout-green", 100));
    }

    @Test
    void headerRouteIsRemovedWhenMatchListIsEmpty() {
        HTTPRoute withHeader = HttpRouteRules.desired(user, target, 30, List.of(exact("X-Canary", "always")));

        HTTPRoute without = HttpRouteRules.desired(withHeader, target, 30, List.of());

        assertThat(without).isEqualTo(HttpRouteRules.desired(user, target, 30, List.of()));
        assertThat(HttpRouteRules.read(without, target).headerRoute()).isEmpty();
    }

    @Test
    void headerRuleIsReplacedInPlaceWhenTheMatchesChange() {
        HTTPRoute first = HttpRouteRules.desired(user, target, 30, List.of(exact("X-Canary", "always")));

        HTTPRoute second = HttpRouteRules.desired(first, target, 30, List.of(exact("X-Canary", "sometimes")));

        assertThat(second.getSpec().getRules()).hasSize(4);
        assertThat(HttpRouteRules.read(second, target).headerRoute()).containsExactly(exact("X-Canary", "sometimes"));
    }

    @Test
    void headerRuleWhoseNameTheApiServerDroppedIsStillRecognised() {
        HTTPRoute written = HttpRouteRules.desired(user, target, 30, List.of(exact("X-Canary", "always")));
        HTTPRoute pruned = new HTTPRouteBuilder(written).build();
        pruned.getSpec().getRules().get(3).setName(null);

        assertThat(HttpRouteRules.read(pruned, target).headerRoute()).containsExactly(exact("X-Canary", "always"));
        assertThat(HttpRouteRules.desired(pruned, target, 30, List.of()).getSpec().getRules()).hasSize(3);
    }

    @Test
    void afterAPromotionTheSlotsSwapPlacesInTheSameRule() {
        HTTPRoute before = HttpRouteRules.desired(user, target, 100, List.of(exact("X-Canary", "always")));

        HTTPRoute after = HttpRouteRules.desired(before, Fixtures.flipped(target), 0, List.of());

        assertThat(after.getSpec().getRules()).hasSize(3);
        assertThat(after.getSpec().getRules().get(MANAGED).getBackendRefs())
                .extracting(HTTPBackendRef::getName, HTTPBackendRef::getWeight)
                .containsExactly(tuple("checkout-green", 100), tuple("checkout-blue", 0));
    }

    @Test
    void firstRuleIsManagedWhenNoRuleReferencesTheRollout() {
        HTTPRoute foreign = new HTTPRouteBuilder(user).build();
        foreign.getSpec().getRules().get(MANAGED).setBackendRefs(List.of(new HTTPBackendRefBuilder()
                .withName("legacy-checkout").withPort(80).build()));

        HTTPRoute route = HttpRouteRules.desired(foreign, target, 30, List.of());

        assertThat(route.getSpec().getRules().get(0).getBackendRefs()).extracting(HTTPBackendRef::getName)
                .containsExactly("checkout-blue", "checkout-green");
    }

    @Test
    void userRouteIsNotModified() {
        HTTPRoute copy = new HTTPRouteBuilder(user).build();

        HttpRouteRules.desired(user, target, 30, List.of(exact("X-Canary", "always")));

        assertThat(user).isEqualTo(copy);
    }

    @Test
    void routeWithoutRulesCannotBeManaged() {
        HTTPRoute empty = new HTTPRouteBuilder(user).editSpec().withRules(List.of()).endSpec().build();

        assertThatThrownBy(() -> HttpRouteRules.desired(empty, target, 30, List.of()))
                .isInstanceOf(TrafficRoutingException.class).hasMessageContaining("has no rules");
        assertThat(HttpRouteRules.read(empty, target).problem()).isPresent();
    }

    @Test
    void headerNamedTwiceIsRejected() {
        assertThatThrownBy(() -> HttpRouteRules.desired(user, target, 30,
                List.of(exact("X-Canary", "a"), exact("X-Canary", "b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than once");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101})
    void weightOutsideZeroToOneHundredIsRejected(int weight) {
        assertThatThrownBy(() -> HttpRouteRules.desired(user, target, weight, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void weightOfTheUsersOwnRuleIsTheCanaryShare() {
        assertThat(HttpRouteRules.read(user, target).carries(0, List.of())).isTrue();
    }
}
