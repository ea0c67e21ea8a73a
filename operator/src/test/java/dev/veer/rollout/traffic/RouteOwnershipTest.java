package dev.veer.rollout.traffic;

import static dev.veer.rollout.traffic.HeaderMatches.exact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.common.NameInUseException;
import dev.veer.common.Ownership;
import dev.veer.common.ResourceWriter;
import dev.veer.sandbox.MockCluster;
import dev.veer.testing.Golden;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The routers take no object that is not Veer's: a canary Ingress or stable Service of the name Veer would create,
 * made by someone else, and an HTTPRoute or VirtualService that another controller owns, get no write and a
 * {@link NameInUseException}; {@code veer.dev/adopt: "true"} hands them over. On the mock API server.
 */
class RouteOwnershipTest {

    private MockCluster cluster;
    private KubernetesClient client;
    private ResourceWriter writer;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        client = cluster.client();
        writer = new ResourceWriter(client, false);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void httpRouteOwnedByAnotherControllerIsNotWritten() {
        HTTPRoute theirs = client.resource(otherControllers(userObject("gateway-api", "httproute.yaml",
                HTTPRoute.class))).create();

        assertThatThrownBy(() -> new GatewayApiRouter(client, writer).setRoute(Fixtures.target("gateway-api"), 30,
                List.of(exact("X-Canary", "always"))))
                .isInstanceOfSatisfying(NameInUseException.class, e -> assertThat(e.getMessage())
                        .contains("HTTPRoute shop/checkout", "knative-serving"));

        assertUnchanged(theirs);
    }

    @Test
    void httpRouteHandedOverIsWrittenDespiteAnotherController() {
        HTTPRoute route = otherControllers(userObject("gateway-api", "httproute.yaml", HTTPRoute.class));
        route.getMetadata().setAnnotations(Map.of(Ownership.ADOPT, "true"));
        client.resource(route).create();
        GatewayApiRouter router = new GatewayApiRouter(client, writer);

        router.setRoute(Fixtures.target("gateway-api"), 30, List.of());

        assertThat(router.observe(Fixtures.target("gateway-api")).weight()).hasValue(30);
    }

    @Test
    void virtualServiceOwnedByAnotherControllerIsNotWritten() {
        GenericKubernetesResource theirs = client.genericKubernetesResources(VirtualServiceRoutes.VIRTUAL_SERVICES)
                .resource(otherControllers(userObject("istio", "virtualservice.yaml",
                        GenericKubernetesResource.class))).create();

        assertThatThrownBy(() -> new IstioRouter(client, writer).setRoute(Fixtures.target("istio"), 30, List.of()))
                .isInstanceOfSatisfying(NameInUseException.class, e -> assertThat(e.getMessage())
                        .contains("VirtualService shop/checkout", "knative-serving"));

        GenericKubernetesResource after = client.genericKubernetesResources(VirtualServiceRoutes.VIRTUAL_SERVICES)
                .inNamespace("shop").withName("checkout").get();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(theirs.getMetadata().getResourceVersion());
    }

    @Test
    void ingressOfTheCanaryIngressNameMadeBySomeoneElseIsNeitherWrittenNorDeleted() {
        client.resource(userObject("nginx", "ingress.yaml", Ingress.class)).create();
        Ingress theirs = client.resource(new IngressBuilder().withNewMetadata().withName("checkout-veer-canary")
                .withNamespace("shop").withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl-edit")
                        .withOperation("Update").build())
                .endMetadata().withNewSpec().withIngressClassName("nginx").endSpec().build()).create();
        NginxRouter router = new NginxRouter(client, writer);

        assertThatThrownBy(() -> router.setRoute(Fixtures.target("nginx"), 30, List.of()))
                .isInstanceOfSatisfying(NameInUseException.class, e -> assertThat(e.getMessage())
                        .contains("Ingress shop/checkout-veer-canary", "kubectl-edit"));
        router.reset(Fixtures.target("nginx"));

        assertUnchanged(theirs);
    }

    @Test
    void stableServiceMadeBySomeoneElseIsNotTakenOverByTheSelectorRouter() {
        var theirs = client.resource(new ServiceBuilder().withNewMetadata().withName("checkout").withNamespace("shop")
                .endMetadata().withNewSpec().withSelector(Map.of("app", "legacy")).endSpec().build()).create();

        assertThatThrownBy(() -> new ServiceSelectorRouter(client, writer).setRoute(
                Fixtures.target("service-selector"), 30, List.of()))
                .isInstanceOfSatisfying(NameInUseException.class, e -> assertThat(e.getMessage())
                        .contains("Service shop/checkout", "unknown"));

        assertUnchanged(theirs);
    }

    private <T extends HasMetadata> T userObject(String goldenCase, String file, Class<T> type) {
        T object = Golden.of(goldenCase).input(file, type);
        object.getMetadata().setResourceVersion(null);
        return object;
    }

    /** The object as another controller (Knative, say) owns it. */
    private static <T extends HasMetadata> T otherControllers(T object) {
        object.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion(
                "serving.knative.dev/v1").withKind("Route").withName("checkout").withUid("knative-route-uid")
                .withController(true).build()));
        object.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("knative-serving")
                .withOperation("Update").build()));
        return object;
    }

    private void assertUnchanged(HasMetadata before) {
        HasMetadata after = client.resource(before).get();
        assertThat(after).as("%s %s", before.getKind(), before.getMetadata().getName()).isNotNull();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
    }
}
