package dev.veer.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the mock API server's stand-in for server-side apply leaves of an object. */
class MockApplyEmulationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void fieldVeerAppliedBeforeAndNoLongerAppliesIsRemovedOthersStay() {
        ObjectNode first = json("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"s","labels":{"veer":"x"}},
                 "spec":{"selector":{"veer.dev/rollout":"r","veer.dev/slot":"blue"},"ports":[{"port":80}]}}""");
        ObjectNode created = MockApplyEmulation.created(first);
        created.with("spec").put("clusterIP", "10.0.0.7");
        created.with("metadata").with("labels").put("team", "payments");

        ObjectNode second = json("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"s","labels":{"veer":"x"}},
                 "spec":{"selector":{"veer.dev/rollout":"r"},"ports":[{"port":8080}]}}""");
        JsonNode applied = MockApplyEmulation.applied(created, second);

        assertThat(applied.at("/spec/selector")).isEqualTo(json("{\"veer.dev/rollout\":\"r\"}"));
        assertThat(applied.at("/spec/ports")).isEqualTo(json("{\"p\":[{\"port\":8080}]}").get("p"));
        assertThat(applied.at("/spec/clusterIP").asText()).isEqualTo("10.0.0.7");
        assertThat(applied.at("/metadata/labels/team").asText()).isEqualTo("payments");
        assertThat(applied.at("/metadata/managedFields/0/manager").asText()).isEqualTo("veer");
        assertThat(applied.at("/metadata/managedFields/0/fieldsV1/f:spec/f:selector").has("f:veer.dev/slot"))
                .isFalse();
    }

    @Test
    void partialApplyTouchesOnlyItsField() {
        ObjectNode deployment = json("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
                 "spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"d"}},
                 "spec":{"containers":[{"name":"c","image":"i"}]}}}}""");

        JsonNode applied = MockApplyEmulation.applied(deployment, json("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
                 "spec":{"template":{"metadata":{"annotations":{"veer.dev/config-hash-c":"h"}}}}}"""));

        assertThat(applied.at("/spec/template/metadata/annotations/veer.dev~1config-hash-c").asText())
                .isEqualTo("h");
        assertThat(applied.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("i");
        assertThat(applied.at("/spec/replicas").asInt()).isEqualTo(2);
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
