package dev.veer.rollout.traffic;

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
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;

/** {@link NginxRouter} against the mock API server in CRUD mode. */
class NginxRouterTest {

    private static final List<HeaderMatch> HEADER_ROUTE = List.of(prefix("X-Version", "2.1."));

    private final RouteTarget target = Fixtures.target("nginx");
    private final Ingress user = Golden.of("nginx").input("ingress.yaml", Ingress.class);
    private MockCluster cluster;
    private KubernetesClient client;
    private NginxRouter router;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        client = cluster.client();
        router = new NginxRouter(client, new dev.veer.common.ResourceWriter(client, false));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void routeThatWasSetIsObservedAndNotWrittenTwice() {
        client.resource(user).create();

        router.setRoute(target, 30, HEADER_ROUTE);
        String created = resourceVersion();
        router.setRoute(target, 30, HEADER_ROUTE);

        RouteState state = router.observe(target);
        assertThat(state.weight()).hasValue(30);
        assertThat(state.headerRoute()).isEqualTo(HEADER_ROUTE);
        assertThat(resourceVersion()).isEqualTo(created);
    }

    @Test
    void changedRouteUpdatesTheCanaryIngress() {
        client.resource(user).create();
        router.setRoute(target, 30, HEADER_ROUTE);
        String created = resourceVersion();

        router.setRoute(target, 60, List.of());

        assertThat(router.observe(target).carries(60, List.of())).isTrue();
        assertThat(resourceVersion()).isNotEqualTo(created);
    }

    @Test
    void resetDeletesTheCanaryIngressAndLeavesTheUsersIngress() {
        client.resource(user).create();
        router.setRoute(target, 30, HEADER_ROUTE);

        router.reset(target);
        router.reset(target);

        assertThat(router.observe(target).carries(0, List.of())).isTrue();
        assertThat(ingress("checkout-veer-canary")).isNull();
        assertThat(ingress("checkout").getSpec()).isEqualTo(user.getSpec());
    }

    @Test
    void missingUserIngressIsAProblemToObserveAndAnErrorToSet() {
        assertThat(router.observe(target).problem()).hasValue("Ingress checkout not found in namespace shop");
        assertThatThrownBy(() -> router.setRoute(target, 30, List.of()))
                .isInstanceOf(TrafficRoutingException.class);
    }

    @Test
    void twoHeaderMatchesAreRejectedWithoutWriting() {
        client.resource(user).create();

        assertThatThrownBy(() -> router.setRoute(target, 30, List.of(prefix("X-Version", "2."),
                prefix("X-Tenant", "beta")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ingress("checkout-veer-canary")).isNull();
    }

    private Ingress ingress(String name) {
        return client.network().v1().ingresses().inNamespace(Fixtures.NAMESPACE).withName(name).get();
    }

    private String resourceVersion() {
        return ingress("checkout-veer-canary").getMetadata().getResourceVersion();
    }
}
