package dev.veer.rollout.traffic;

import static dev.veer.rollout.traffic.HeaderMatches.exact;
import static dev.veer.rollout.traffic.HeaderMatches.prefix;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.testing.Golden;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * What each router writes for a rollout at weight 30 (blue stable, green canary), against golden files: the input
 * rollout and the user's object in, the object the router would write out.
 */
class TrafficRoutingGoldenTest {

    @Test
    void serviceSelectorSelectsBothSlotsBetweenZeroAndOneHundred() {
        Golden golden = Golden.of("service-selector");

        golden.assertMatches("service-stable-weight-30.yaml",
                StableServiceSelector.desired(target(golden), Optional.empty(), 30));
    }

    @Test
    void httpRouteCarriesSlotWeightsInTheRuleThatReferencesTheRollout() {
        Golden golden = Golden.of("gateway-api");
        HTTPRoute user = golden.input("httproute.yaml", HTTPRoute.class);

        golden.assertMatches("httproute-weight-30.yaml",
                HttpRouteRules.desired(user, target(golden), 30, List.of()));
    }

    @Test
    void httpRouteHeaderRuleCopiesTheManagedRulePaths() {
        Golden golden = Golden.of("gateway-api");
        HTTPRoute user = golden.input("httproute.yaml", HTTPRoute.class);

        golden.assertMatches("httproute-weight-30-header-route.yaml", HttpRouteRules.desired(user, target(golden),
                30, List.of(exact("X-Canary", "always"), prefix("X-Client-Version", "2.1."))));
    }

    @Test
    void canaryIngressCarriesWeightAndHeaderAnnotations() {
        Golden golden = Golden.of("nginx");
        Ingress user = golden.input("ingress.yaml", Ingress.class);

        golden.assertMatches("canary-ingress-weight-30-header-route.yaml",
                CanaryIngress.desired(user, target(golden), 30, List.of(exact("X-Canary", "always"))));
    }

    @Test
    void virtualServiceCarriesWeightsAndAHeaderRouteAtTheHead() {
        Golden golden = Golden.of("istio");
        GenericKubernetesResource user = golden.input("virtualservice.yaml", GenericKubernetesResource.class);
        RouteTarget target = target(golden);

        golden.assertMatches("virtualservice-weight-30-header-route.yaml", VirtualServiceRoutes.desired(user, target,
                target.trafficRouting().getIstio().getRoutes(), 30,
                List.of(exact("X-Canary", "always"), prefix("X-Client-Version", "2.1."))));
    }

    private static RouteTarget target(Golden golden) {
        return new RouteTarget(golden.input("rollout.yaml", ServiceRollout.class), Slot.BLUE);
    }
}
