package dev.veer.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.veer.api.ServiceRollout;
import dev.veer.sandbox.apiserver.CrdSchema;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The ServiceRollouts the e2e suite sends, checked offline against the committed CRD's schema and CEL rules: the valid
 * ones pass, and each invalid one breaks exactly the rule whose message the e2e test expects from the API server.
 */
class E2eManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("veer.repo.root", ".."));
    private static final CrdSchema SCHEMA = CrdSchema.load(ROOT.resolve("crds/servicerollouts.veer.dev-v1.yml"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode tree(String yaml) throws Exception {
        return YAML.readTree(yaml);
    }

    @Test
    void everyRolloutShapeTheSuiteCreatesIsValid() throws Exception {
        List<String> rollouts = List.of(
                RolloutYaml.canary("shop", 4, "[{setWeight: 25}, {pause: {}}, {setWeight: 50}, {pause: {}}]", "1", 3),
                RolloutYaml.canary("fo", 2, "[{setWeight: 50}, {pause: {duration: 3s}}]", "1", 2),
                RolloutYaml.canary("cat", 2, "[{setWeight: 50}, {analysis: {builtin: [error-rate], args: ["
                        + "{name: address, value: \"http://127.0.0.1:9090\"}, {name: window, value: 10s}, "
                        + "{name: interval, value: 1s}, {name: count, value: \"3\"}]}}]", "1", 2),
                RolloutYaml.canary("inv", 2, "[{setWeight: 50}, {pause: {}}]", "1", 3)
                        .replace("progressDeadlineSeconds: 600", "progressDeadlineSeconds: 15"),
                RolloutYaml.blueGreen("cart", 3, "1", false, 8));
        for (String yaml : rollouts) {
            assertThat(SCHEMA.violations(tree(yaml))).as(yaml).isEmpty();
        }
    }

    @Test
    void aRolloutOfTheSuiteReadsBackAsTheTypedModelWithItsVersion() {
        ServiceRollout rollout = new KubernetesSerialization().unmarshal(
                RolloutYaml.blueGreen("cart", 3, "7", false, 8), ServiceRollout.class);

        assertThat(rollout.getSpec().getReplicas()).isEqualTo(3);
        assertThat(rollout.getSpec().getStrategy().getBlueGreen().getPreviewService()).isEqualTo("cart-preview");
        assertThat(rollout.getSpec().getStrategy().getCanary()).isNull();
        var container = rollout.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(RolloutYaml.IMAGE);
        assertThat(container.getReadinessProbe()).as("a healthy version is ready once running").isNull();
        assertThat(container.getEnv()).singleElement().satisfies(env -> {
            assertThat(env.getName()).isEqualTo(RolloutYaml.VERSION_VARIABLE);
            assertThat(env.getValue()).isEqualTo("7");
        });
    }

    @Test
    void setWeight150BreaksTheSchemaMaximum() throws Exception {
        assertThat(SCHEMA.violations(tree(InvalidRollouts.SET_WEIGHT_150)))
                .containsExactly(".spec.strategy.canary.steps[0].setWeight: more than 100.0");
    }

    @Test
    void bothStrategiesBreakTheStrategyRule() throws Exception {
        assertThat(SCHEMA.violations(tree(InvalidRollouts.BOTH_STRATEGIES)))
                .containsExactly(".spec.strategy: " + InvalidRollouts.BOTH_STRATEGIES_MESSAGE);
    }

    @Test
    void theUnknownFieldIsUnknownToTheSchema() throws Exception {
        assertThat(SCHEMA.violations(tree(InvalidRollouts.UNKNOWN_FIELD)))
                .containsExactly(".spec." + InvalidRollouts.UNKNOWN_FIELD_NAME + ": unknown field");
    }
}
