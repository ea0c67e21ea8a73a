package dev.veer.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.api.RolloutPhase;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

/**
 * Stops the operator at each step of a canary and starts a new one (fresh caches, nothing in memory): the new
 * operator must pick the rollout up where it stopped and change nothing, above all not the traffic weights.
 */
class OperatorRestartTest {

    private StandaloneCluster world;
    private RolloutFixtures rollouts;

    @BeforeEach
    void start() {
        world = new StandaloneCluster();
        rollouts = world.rollouts;
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void restartedOperatorResumesEachStepWithNoChangeOfWeight() {
        world.client().resource(httpRoute()).create();
        rollouts.create(RolloutFixtures.canary("web", "web:1", 4,
                "[{setWeight: 20}, {pause: {}}, {setWeight: 60}, {pause: {}}]\n      trafficRouting: "
                        + "{gatewayAPI: {httpRoute: web}}"));
        rollouts.awaitHealthyAt("web", 1);
        rollouts.setImage("web", "web:2");
        rollouts.awaitStatus("web", s -> {
            assertThat(s.getCurrentStepIndex()).isEqualTo(1);
            assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused);
        });
        assertThat(weights()).containsExactly(80, 20);

        restartAndExpectNoChange();

        rollouts.act("web", "promote");
        rollouts.awaitStatus("web", s -> {
            assertThat(s.getCurrentStepIndex()).isEqualTo(3);
            assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused);
        });
        assertThat(weights()).containsExactly(40, 60);

        restartAndExpectNoChange();

        rollouts.act("web", "promote");
        rollouts.awaitHealthyAt("web", 2);
        assertThat(weights()).containsExactly(0, 100);
    }

    /**
     * The traffic objects keep their resourceVersions (nothing wrote them) and the rollout's status keeps its content.
     * (The status may be written again with the same content; that costs a write but moves no traffic.)
     */
    private void restartAndExpectNoChange() {
        Map<String, String> before = versions();
        String statusBefore = status();
        world.stopOperator();
        world.startOperator();

        await().atMost(RolloutFixtures.WAIT).until(() -> world.operator().passes() >= 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(versions()).isEqualTo(before);
            assertThat(status()).isEqualTo(statusBefore);
        });
    }

    private String status() {
        return world.client().getKubernetesSerialization().asJson(rollouts.get("web").getStatus());
    }

    /** resourceVersions of the objects that carry the rollout's traffic. */
    private Map<String, String> versions() {
        var client = world.client();
        String ns = rollouts.namespace;
        return Map.of(
                "httproute", client.resources(HTTPRoute.class).inNamespace(ns).withName("web").get().getMetadata()
                        .getResourceVersion(),
                "service", rollouts.service("web").getMetadata().getResourceVersion(),
                "blue", rollouts.deployment("web-blue").getMetadata().getResourceVersion(),
                "green", rollouts.deployment("web-green").getMetadata().getResourceVersion());
    }

    /** Weights of the managed rule's backendRefs, stable slot (blue) first. */
    private List<Integer> weights() {
        HTTPRoute route = world.client().resources(HTTPRoute.class).inNamespace(rollouts.namespace).withName("web")
                .get();
        var refs = route.getSpec().getRules().get(0).getBackendRefs();
        return List.of(refs.stream().filter(r -> r.getName().equals("web-blue")).findFirst().get().getWeight(),
                refs.stream().filter(r -> r.getName().equals("web-green")).findFirst().get().getWeight());
    }

    private HTTPRoute httpRoute() {
        return world.client().getKubernetesSerialization().unmarshal("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: web
                  namespace: %s
                spec:
                  parentRefs: [{name: public-gateway}]
                  rules:
                    - matches: [{path: {type: PathPrefix, value: /}}]
                      backendRefs: [{name: web, port: 80}]
                """.formatted(rollouts.namespace), HTTPRoute.class);
    }
}
