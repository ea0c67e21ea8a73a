package dev.veer.rollout.traffic;

import static dev.veer.rollout.traffic.CanaryIngress.BY_HEADER;
import static dev.veer.rollout.traffic.CanaryIngress.BY_HEADER_PATTERN;
import static dev.veer.rollout.traffic.CanaryIngress.BY_HEADER_VALUE;
import static dev.veer.rollout.traffic.CanaryIngress.CANARY;
import static dev.veer.rollout.traffic.CanaryIngress.WEIGHT;
import static dev.veer.rollout.traffic.HeaderMatches.exact;
import static dev.veer.rollout.traffic.HeaderMatches.prefix;
import static dev.veer.rollout.traffic.HeaderMatches.regex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.veer.api.HeaderMatch;
import dev.veer.testing.Golden;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;

class CanaryIngressTest {

    private final RouteTarget target = Fixtures.target("nginx");
    private final Ingress user = Golden.of("nginx").input("ingress.yaml", Ingress.class);

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of(0, List.of()),
                Arguments.of(30, List.of()),
                Arguments.of(100, List.of()),
                Arguments.of(0, List.of(exact("X-Canary", "always"))),
                Arguments.of(30, List.of(prefix("X-Version", "2.1."))),
                Arguments.of(100, List.of(regex("X-Canary", "^(yes|true)$"))));
    }

    @ParameterizedTest(name = "weight {0}")
    @ValueSource(ints = {0, 30, 100})
    void weightIsTheCanaryWeightAnnotation(int weight) {
        Ingress canary = CanaryIngress.desired(user, target, weight, List.of());

        assertThat(canary.getMetadata().getAnnotations())
                .containsOnly(entry(CANARY, "true"), entry(WEIGHT, Integer.toString(weight)));
    }

    @ParameterizedTest(name = "weight {0}, header route {1}")
    @MethodSource("routes")
    void applyingTheSameRouteAgainChangesNothing(int weight, List<HeaderMatch> headerRoute) {
        Ingress once = CanaryIngress.desired(user, target, weight, headerRoute);

        assertThat(CanaryIngress.update(once, CanaryIngress.desired(user, target, weight, headerRoute)))
                .isEqualTo(once);
    }

    @ParameterizedTest(name = "weight {0}, header route {1}")
    @MethodSource("routes")
    void readingBackGivesTheRouteThatWasSet(int weight, List<HeaderMatch> headerRoute) {
        Ingress canary = CanaryIngress.desired(user, target, weight, headerRoute);

        RouteState state = CanaryIngress.read(Optional.of(canary), target);

        assertThat(state.weight()).hasValue(weight);
        assertThat(state.headerRoute()).isEqualTo(headerRoute);
    }

    @Test
    void exactHeaderBecomesHeaderValue() {
        assertThat(CanaryIngress.desired(user, target, 0, List.of(exact("X-Canary", "always")))
                .getMetadata().getAnnotations())
                .contains(entry(BY_HEADER, "X-Canary"), entry(BY_HEADER_VALUE, "always"))
                .doesNotContainKey(BY_HEADER_PATTERN);
    }

    @Test
    void prefixHeaderBecomesAnAnchoredPattern() {
        assertThat(CanaryIngress.desired(user, target, 0, List.of(prefix("X-Version", "2.1.")))
                .getMetadata().getAnnotations())
                .contains(entry(BY_HEADER, "X-Version"), entry(BY_HEADER_PATTERN, "^2\\.1\\..*"))
                .doesNotContainKey(BY_HEADER_VALUE);
    }

    @Test
    void regexHeaderBecomesThePattern() {
        assertThat(CanaryIngress.desired(user, target, 0, List.of(regex("X-Canary", "^(yes|true)$")))
                .getMetadata().getAnnotations())
                .contains(entry(BY_HEADER, "X-Canary"), entry(BY_HEADER_PATTERN, "^(yes|true)$"));
    }

    @Test
    void headerRouteIsRemovedWhenMatchListIsEmpty() {
        Ingress withHeader = CanaryIngress.desired(user, target, 30, List.of(exact("X-Canary", "always")));

        Ingress without = CanaryIngress.update(withHeader, CanaryIngress.desired(user, target, 30, List.of()));

        assertThat(without.getMetadata().getAnnotations()).doesNotContainKeys(BY_HEADER, BY_HEADER_VALUE,
                BY_HEADER_PATTERN);
        assertThat(CanaryIngress.read(Optional.of(without), target).headerRoute()).isEmpty();
    }

    @Test
    void moreThanOneHeaderMatchIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> CanaryIngress.desired(user, target, 30,
                List.of(exact("X-Canary", "always"), exact("X-Tenant", "beta"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one header only");
    }

    @Test
    void everyPathToTheStableServiceGoesToTheCanarySlotOnTheSamePort() {
        Ingress canary = CanaryIngress.desired(user, target, 30, List.of());

        List<HTTPIngressPath> paths = canary.getSpec().getRules().stream()
                .flatMap(rule -> rule.getHttp().getPaths().stream()).toList();
        assertThat(paths).extracting(HTTPIngressPath::getPath).containsExactly("/", "/api");
        assertThat(paths).allSatisfy(path -> assertThat(path.getBackend().getService().getName())
                .isEqualTo("checkout-green"));
        assertThat(paths.get(0).getBackend().getService().getPort().getName()).isEqualTo("http");
        assertThat(paths.get(1).getBackend().getService().getPort().getNumber()).isEqualTo(80);
    }

    @Test
    void ingressWithoutAPathToTheStableServiceCannotBeShadowed() {
        Ingress foreign = new IngressBuilder(user).editSpec().withRules(user.getSpec().getRules().get(0))
                .editRule(0).editHttp().withPaths(user.getSpec().getRules().get(0).getHttp().getPaths().get(1))
                .endHttp().endRule().endSpec().build();

        assertThatThrownBy(() -> CanaryIngress.desired(foreign, target, 30, List.of()))
                .isInstanceOf(TrafficRoutingException.class).hasMessageContaining("no path to Service checkout");
    }

    @Test
    void noCanaryIngressMeansWeightZeroAndNoHeaderRoute() {
        assertThat(CanaryIngress.read(Optional.empty(), target).carries(0, List.of())).isTrue();
    }

    @Test
    void canaryIngressLeftPointingAtTheOtherSlotCarriesNothingToTheCanary() {
        Ingress old = CanaryIngress.desired(user, target, 30, List.of(exact("X-Canary", "always")));

        assertThat(CanaryIngress.read(Optional.of(old), Fixtures.flipped(target)).carries(0, List.of())).isTrue();
    }

    @Test
    void unreadableWeightIsAProblem() {
        Ingress canary = new IngressBuilder(CanaryIngress.desired(user, target, 30, List.of()))
                .editMetadata().addToAnnotations(WEIGHT, "thirty").endMetadata().build();

        assertThat(CanaryIngress.read(Optional.of(canary), target).problem().orElseThrow())
                .contains("not a number");
    }

    @Test
    void canaryIngressIsOwnedByTheRolloutAndLabelled() {
        Ingress canary = CanaryIngress.desired(user, target, 30, List.of());

        assertThat(canary.getMetadata().getName()).isEqualTo("checkout-veer-canary");
        assertThat(canary.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(target.rollout().getMetadata().getUid()));
        assertThat(canary.getMetadata().getLabels()).containsEntry("veer.dev/rollout", "checkout");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101})
    void weightOutsideZeroToOneHundredIsRejected(int weight) {
        assertThatThrownBy(() -> CanaryIngress.desired(user, target, weight, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
