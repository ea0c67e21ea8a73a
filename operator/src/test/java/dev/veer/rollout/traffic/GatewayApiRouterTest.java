package dev.veer.rollout.traffic;

import static dev.veer.rollout.traffic.HeaderMatches.exact;
import static dev.veer.rollout.traffic.HeaderMatches.prefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.api.HeaderMatch;
import dev.veer.sandbox.MockCluster;
import dev.veer.testing.Golden;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;

/** {@link GatewayApiRouter} against the mock API server in CRUD mode. */
class GatewayApiRouterTest {

    private static final List<HeaderMatch> HEADER_ROUTE = List.of(exact("X-Canary", "always"),
            prefix("X-Version", "2.1."));

    private final RouteTarget target = Fixtures.target("gateway-api");
    private MockCluster cluster;
    private KubernetesClient client;
    private GatewayApiRouter router;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        client = cluster.client();
        router = new GatewayApiRouter(client, new dev.veer.common.ResourceWriter(client, false));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void routeThatWasSetIsObservedAndNotWrittenTwice() {
        createUserRoute();
        String created = resourceVersion();

        router.setRoute(target, 30, HEADER_ROUTE);
        String written = resourceVersion();
        router.setRoute(target, 30, HEADER_ROUTE);

        RouteState state = router.observe(target);
        assertThat(state.weight()).hasValue(30);
        assertThat(state.headerRoute()).isEqualTo(HEADER_ROUTE);
        assertThat(written).isNotEqualTo(created);
        assertThat(resourceVersion()).isEqualTo(written);
    }

    @Test
    void resetSendsAllTrafficToStableAndRemovesTheHeaderRule() {
        createUserRoute();
        router.setRoute(target, 50, HEADER_ROUTE);

        router.reset(target);

        assertThat(router.observe(target).carries(0, List.of())).isTrue();
        assertThat(httpRoute().getSpec().getRules()).hasSize(3);
    }

    @Test
    void missingHttpRouteIsAProblemToObserveAnErrorToSetAndNothingToReset() {
        assertThat(router.observe(target).problem()).hasValue("HTTPRoute checkout not found in namespace shop");
        assertThatThrownBy(() -> router.setRoute(target, 30, List.of()))
                .isInstanceOf(TrafficRoutingException.class).hasMessageContaining("HTTPRoute checkout not found");
        router.reset(target);
    }

    private void createUserRoute() {
        HTTPRoute user = Golden.of("gateway-api").input("httproute.yaml", HTTPRoute.class);
        user.getMetadata().setResourceVersion(null);
        client.resource(user).create();
    }

    private HTTPRoute httpRoute() {
        return client.resources(HTTPRoute.class).inNamespace(Fixtures.NAMESPACE).withName("checkout").get();
    }

    private String resourceVersion() {
        return httpRoute().getMetadata().getResourceVersion();
    }
}
