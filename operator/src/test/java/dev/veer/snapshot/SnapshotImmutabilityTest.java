package dev.veer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.veer.api.SnapshotSpec;
import dev.veer.sandbox.apiserver.CelRules;
import io.fabric8.generator.annotation.ValidationRule;

/** The CEL rule of the Snapshot CRD rejects any change of a snapshot's spec (evaluated with CEL-Java). */
class SnapshotImmutabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = SnapshotSpec.class.getAnnotation(ValidationRule.class).value();

    private static JsonNode spec(int revision, String image) throws Exception {
        return JSON.readTree("""
                {"ownerKind": "ServiceRollout", "ownerName": "shop", "revision": %d, "contentHash": "abc",
                 "template": {"spec": {"containers": [{"name": "shop", "image": "%s"}]}}}
                """.formatted(revision, image));
    }

    @Test
    void anUnchangedSpecPassesAndAnyEditIsRejected() throws Exception {
        assertThat(CelRules.holdsOnUpdate(RULE, spec(1, "shop:1"), spec(1, "shop:1"))).isTrue();
        assertThat(CelRules.holdsOnUpdate(RULE, spec(2, "shop:1"), spec(1, "shop:1"))).isFalse();
        assertThat(CelRules.holdsOnUpdate(RULE, spec(1, "shop:9"), spec(1, "shop:1"))).isFalse();
    }
}
