package dev.veer.rollout.traffic;

import static dev.veer.rollout.traffic.HeaderMatches.exact;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.veer.common.ResourceWriter;
import dev.veer.testing.Golden;
import dev.veer.testing.RecordingApiServer;
import dev.veer.testing.RecordingApiServer.Request;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * The exact requests each router sends to a real API server: one server-side apply (PATCH,
 * {@code application/apply-patch+yaml}, field manager {@code veer}) whose body holds only the fields Veer owns, never
 * the server's fields of the object it read (status, resourceVersion, uid, managedFields). The bodies are golden files
 * ({@code apply-*.yaml} in each router's golden case).
 */
class RouterApplyRequestTest {

    private final RecordingApiServer server = new RecordingApiServer();
    private final ResourceWriter writer = new ResourceWriter(server.client(), true);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void gatewayApiRouterAppliesOnlyTheRulesOfTheHttpRoute() {
        Golden golden = Golden.of("gateway-api");
        HTTPRoute user = withServerFields(golden.input("httproute.yaml", HTTPRoute.class));
        server.serve("/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/checkout", user);

        new GatewayApiRouter(server.client(), writer).setRoute(Fixtures.target("gateway-api"), 30,
                List.of(exact("X-Canary", "always")));

        Request apply = onlyWrite();
        assertApply(apply, "/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/checkout");
        assertThat(apply.json().get("spec").properties()).extracting(Map.Entry::getKey).containsExactly("rules");
        golden.assertMatches("apply-httproute-weight-30-header-route.yaml", apply.json());
    }

    @Test
    void istioRouterAppliesOnlyTheHttpRoutesOfTheVirtualService() {
        Golden golden = Golden.of("istio");
        GenericKubernetesResource user = withServerFields(
                golden.input("virtualservice.yaml", GenericKubernetesResource.class));
        server.serve("/apis/networking.istio.io/v1/namespaces/shop/virtualservices/checkout", user);

        new IstioRouter(server.client(), writer).setRoute(Fixtures.target("istio"), 30,
                List.of(exact("X-Canary", "always")));

        Request apply = onlyWrite();
        assertApply(apply, "/apis/networking.istio.io/v1/namespaces/shop/virtualservices/checkout");
        assertThat(apply.json().get("spec").properties()).extracting(Map.Entry::getKey).containsExactly("http");
        golden.assertMatches("apply-virtualservice-weight-30-header-route.yaml", apply.json());
    }

    @Test
    void nginxRouterAppliesTheCanaryIngressItOwns() {
        Golden golden = Golden.of("nginx");
        server.serve("/apis/networking.k8s.io/v1/namespaces/shop/ingresses/checkout",
                withServerFields(golden.input("ingress.yaml", Ingress.class)));

        new NginxRouter(server.client(), writer).setRoute(Fixtures.target("nginx"), 30,
                List.of(exact("X-Canary", "always")));

        Request apply = onlyWrite();
        assertApply(apply, "/apis/networking.k8s.io/v1/namespaces/shop/ingresses/checkout-veer-canary");
        golden.assertMatches("apply-canary-ingress-weight-30-header-route.yaml", apply.json());
    }

    @Test
    void serviceSelectorRouterAppliesTheStableServiceWithItsSelector() {
        Golden golden = Golden.of("service-selector");

        new ServiceSelectorRouter(server.client(), writer).setRoute(Fixtures.target("service-selector"), 30,
                List.of());

        Request apply = onlyWrite();
        assertApply(apply, "/api/v1/namespaces/shop/services/checkout");
        golden.assertMatches("apply-service-stable-weight-30.yaml", apply.json());
    }

    private Request onlyWrite() {
        assertThat(server.writes()).hasSize(1);
        return server.writes().get(0);
    }

    /** PATCH to {@code path}, server-side apply by field manager veer, forced, with none of the server's fields. */
    static void assertApply(Request request, String path) {
        assertThat(request.method()).isEqualTo("PATCH");
        assertThat(request.path()).startsWith(path + "?");
        assertThat(request.path().substring(path.length() + 1).split("&"))
                .containsExactlyInAnyOrder("fieldManager=veer", "force=true");
        assertThat(request.contentType()).startsWith("application/apply-patch+yaml");
        assertThat(request.json().has("status")).as("status in the apply body").isFalse();
        assertThat(request.json().get("metadata").properties()).extracting(Map.Entry::getKey)
                .doesNotContain("resourceVersion", "uid", "managedFields", "creationTimestamp", "generation");
    }

    /** The object as an API server returns it: with resourceVersion, uid, managedFields and a status. */
    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T withServerFields(T object) {
        object.getMetadata().setResourceVersion("4711");
        object.getMetadata().setUid("0b7a5f4e-5c1d-4f39-8d8e-8b5d3f0c1a22");
        object.getMetadata().setCreationTimestamp("2026-11-30T00:00:00Z");
        object.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("argocd-controller")
                .withOperation("Update").withApiVersion(object.getApiVersion()).build()));
        if (object instanceof GenericKubernetesResource generic) {
            generic.setAdditionalProperty("status", Map.of("observedGeneration", 3));
        }
        return object;
    }
}
