package dev.veer.rollout.traffic;

import static dev.veer.rollout.traffic.HeaderMatches.exact;
import static dev.veer.rollout.traffic.HeaderMatches.regex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.api.HeaderMatch;
import dev.veer.sandbox.MockCluster;
import dev.veer.testing.Golden;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

/** {@link IstioRouter} against the mock API server in CRUD mode. */
class IstioRouterTest {

    private static final List<HeaderMatch> HEADER_ROUTE = List.of(exact("X-Canary", "always"),
            regex("X-Tenant", "^(a|b)$"));

    private final RouteTarget target = Fixtures.target("istio");
    private MockCluster cluster;
    private KubernetesClient client;
    private IstioRouter router;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        client = cluster.client();
        router = new IstioRouter(client, new dev.veer.common.ResourceWriter(client, false));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void routeThatWasSetIsObservedAndNotWrittenTwice() {
        createUserVirtualService();
        String created = resourceVersion();

        router.setRoute(target, 30, HEADER_ROUTE);
        String written = resourceVersion();
        router.setRoute(target, 30, HEADER_ROUTE);

        RouteState state = router.observe(target);
        assertThat(state.carries(30, HEADER_ROUTE)).as(state.toString()).isTrue();
        assertThat(state.headerRoute()).containsExactly(exact("x-canary", "always"), regex("x-tenant", "^(a|b)$"));
        assertThat(written).isNotEqualTo(created);
        assertThat(resourceVersion()).isEqualTo(written);
    }

    @Test
    void resetSendsAllTrafficToStableAndRemovesTheHeaderRoute() {
        createUserVirtualService();
        router.setRoute(target, 50, HEADER_ROUTE);

        router.reset(target);

        assertThat(router.observe(target).carries(0, List.of())).isTrue();
        assertThat(VirtualServiceRoutes.read(virtualService(), target, List.of("api")).headerRoute()).isEmpty();
    }

    @Test
    void missingVirtualServiceIsAProblemToObserveAnErrorToSetAndNothingToReset() {
        assertThat(router.observe(target).problem()).hasValue("VirtualService checkout not found in namespace shop");
        assertThatThrownBy(() -> router.setRoute(target, 30, List.of()))
                .isInstanceOf(TrafficRoutingException.class);
        router.reset(target);
    }

    private void createUserVirtualService() {
        GenericKubernetesResource user = Golden.of("istio").input("virtualservice.yaml",
                GenericKubernetesResource.class);
        client.genericKubernetesResources(VirtualServiceRoutes.VIRTUAL_SERVICES).inNamespace(Fixtures.NAMESPACE)
                .resource(user).create();
    }

    private GenericKubernetesResource virtualService() {
        return client.genericKubernetesResources(VirtualServiceRoutes.VIRTUAL_SERVICES)
                .inNamespace(Fixtures.NAMESPACE).withName("checkout").get();
    }

    private String resourceVersion() {
        return virtualService().getMetadata().getResourceVersion();
    }
}
