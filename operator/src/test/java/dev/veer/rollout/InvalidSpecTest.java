package dev.veer.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.veer.api.RolloutPhase;
import dev.veer.common.Conditions;
import dev.veer.rollout.plan.RolloutConditions;
import dev.veer.testing.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A spec the reconciler cannot use becomes status (InvalidSpec with a reason naming the field), with no write to the
 * cluster and no retry: defence in depth behind the CRD's schema and CEL rules, which the mock API server (like a
 * server without CEL) does not apply.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class InvalidSpecTest {

    private static final String STEPS = "[{setWeight: 25}, {pause: {duration: 1s}}]";

    @Inject
    KubernetesClient client;

    RolloutFixtures cluster;

    @BeforeEach
    void namespace() {
        cluster = new RolloutFixtures(client);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "InvalidWeight, 'setWeight: 25', 'setWeight: 150', steps[0].setWeight is 150",
            "InvalidDuration, 'duration: 1s', 'duration: ten minutes', 'steps[1].pause.duration ''ten minutes'''",
            "BothStrategies, '    canary:', '    blueGreen: {activeService: NAME}\n    canary:', both canary and blueGreen",
            "MissingTemplate, '  template:', '  templatez:', spec.template", })
    void unusableSpecIsReportedWithTheFieldAndNothingIsWritten(String reason, String from, String to,
            String message) {
        String name = reason.toLowerCase();
        String yaml = RolloutFixtures.canary(name, "app:1", 2, STEPS).replace(from, to.replace("NAME", name));
        if (reason.equals("MissingTemplate")) {
            yaml = yaml.substring(0, yaml.indexOf("  templatez:"));
        }
        cluster.create(yaml);

        var status = cluster.awaitStatus(name, s -> assertThat(Conditions.isTrue(s.getConditions(),
                RolloutConditions.INVALID_SPEC)).isTrue());
        var invalid = Conditions.find(status.getConditions(), RolloutConditions.INVALID_SPEC).orElseThrow();
        assertThat(invalid.getReason()).isEqualTo(reason);
        assertThat(invalid.getMessage()).contains(message);
        assertThat(status.getPhase()).isEqualTo(RolloutPhase.Degraded);
        assertThat(Conditions.isTrue(status.getConditions(), RolloutConditions.READY)).isFalse();
        assertThat(Conditions.isTrue(status.getConditions(), RolloutConditions.PROGRESSING)).isFalse();
        assertThat(cluster.deployment(name + "-blue")).isNull();
        assertThat(cluster.service(name)).isNull();
        assertThat(events(name)).containsExactly(reason);
    }

    @Test
    void aCorrectedSpecRollsOut() {
        cluster.create(RolloutFixtures.canary("fixed", "app:1", 2, STEPS).replace("setWeight: 25", "setWeight: 150"));
        cluster.awaitStatus("fixed", s -> assertThat(Conditions.find(s.getConditions(),
                RolloutConditions.INVALID_SPEC).orElseThrow().getReason()).isEqualTo("InvalidWeight"));

        cluster.update("fixed", r -> r.getSpec().getStrategy().getCanary().getSteps().get(0).setSetWeight(25));

        var healthy = cluster.awaitHealthyAt("fixed", 1);
        assertThat(Conditions.isTrue(healthy.getConditions(), RolloutConditions.INVALID_SPEC)).isFalse();
    }

    private List<String> events(String name) {
        return client.v1().events().inNamespace(cluster.namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).map(e -> e.getReason()).toList();
    }
}
