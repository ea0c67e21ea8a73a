package dev.veer.rollout.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.api.HeaderMatch;
import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.sandbox.MockCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * {@code samples/servicerollout-gateway-api.yaml}: every field it sets is one the model knows (nothing misspelt or
 * misplaced), and the Gateway API router can run its steps on its HTTPRoute.
 */
class GatewayApiSampleTest {

    private static final Path SAMPLE = Path.of(System.getProperty("veer.samples.dir", "../samples"),
            "servicerollout-gateway-api.yaml");

    private MockCluster cluster;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        client = cluster.client();
        // The operator's runtime registers its custom resource classes; a bare client needs telling.
        client.getKubernetesSerialization().registerKubernetesResource(ServiceRollout.class);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void everyFieldOfTheSampleIsKnownToTheModel() {
        List<HasMetadata> resources = load();

        assertThat(resources).hasSize(2);
        assertThat(resources.get(0)).isInstanceOf(ServiceRollout.class);
        assertThat(resources.get(1)).isInstanceOf(HTTPRoute.class);
        for (HasMetadata resource : resources) {
            assertThat(unknownFields(resource, resource.getKind())).as("fields the model does not know").isEmpty();
        }
    }

    @Test
    void gatewayApiRouterRunsTheSampleSteps() {
        List<HasMetadata> resources = load();
        ServiceRollout rollout = (ServiceRollout) resources.get(0);
        rollout.getMetadata().setNamespace("demo");
        HTTPRoute route = (HTTPRoute) resources.get(1);
        route.getMetadata().setNamespace("demo");
        client.resource(route).create();
        RouteTarget target = new RouteTarget(rollout, Slot.BLUE);
        GatewayApiRouter router = new GatewayApiRouter(client, new dev.veer.common.ResourceWriter(client, false));
        List<HeaderMatch> headerRoute = rollout.getSpec().getStrategy().getCanary().getSteps().get(4)
                .getSetHeaderRoute().getMatch();

        assertThat(router.observe(target).carries(0, List.of())).isTrue();
        router.setRoute(target, 20, List.of());
        assertThat(router.observe(target).carries(20, List.of())).isTrue();
        router.setRoute(target, 50, headerRoute);
        assertThat(router.observe(target).carries(50, headerRoute)).isTrue();
    }

    private List<HasMetadata> load() {
        try (InputStream in = Files.newInputStream(SAMPLE)) {
            return client.load(in).items();
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + SAMPLE, e);
        }
    }

    /**
     * Fields that fabric8's model classes kept as "additional properties" because they do not know them: misspelt or
     * misplaced in the sample. (Veer's own classes reject unknown fields when the sample is loaded.)
     */
    private static List<String> unknownFields(Object value, String at) {
        List<String> unknown = new ArrayList<>();
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknown.addAll(unknownFields(item, at + "/" + i++));
            }
            return unknown;
        }
        boolean model = value instanceof KubernetesResource
                || value != null && value.getClass().getPackageName().equals(ServiceRollout.class.getPackageName());
        if (!model) {
            return unknown;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            if (getter.getName().equals("getAdditionalProperties") && child instanceof Map<?, ?> extra) {
                extra.keySet().forEach(key -> unknown.add(at + "/" + key));
            } else {
                unknown.addAll(unknownFields(child, at + "/" + getter.getName().substring(3)));
            }
        }
        return unknown;
    }
}
