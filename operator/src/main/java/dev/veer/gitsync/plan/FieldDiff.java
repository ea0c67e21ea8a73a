package dev.veer.gitsync.plan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Compares an object in the cluster with the repository's manifest and with the result of a dry-run apply. */
final class FieldDiff {

    static final int MAX_FIELDS = 20;
    /** Metadata the API server changes on every write: not a difference. */
    private static final Set<String> VOLATILE_METADATA = Set.of("resourceVersion", "managedFields", "generation");

    private FieldDiff() {
    }

    /** Whether applying would leave the object as it is (the dry-run result equals the live object). */
    static boolean unchangedByApply(ObjectNode live, ObjectNode afterApply) {
        return withoutVolatile(live).equals(withoutVolatile(afterApply));
    }

    /**
     * The fields set by the manifest whose value in the cluster differs, as paths (at most {@link #MAX_FIELDS}).
     * Only what the manifest sets is compared: fields other controllers add (status, defaults) are not drift.
     */
    static List<String> driftedFields(ObjectNode manifest, ObjectNode live) {
        List<String> fields = new ArrayList<>();
        compare("", manifest, live, fields);
        return fields;
    }

    private static void compare(String path, JsonNode wanted, JsonNode actual, List<String> out) {
        if (out.size() >= MAX_FIELDS) {
            return;
        }
        if (wanted.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = wanted.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (path.equals("metadata") && (field.getKey().equals("namespace") || field.getKey().equals("name"))) {
                    continue;
                }
                JsonNode other = actual == null ? null : actual.get(field.getKey());
                if (other == null || other.isNull()) {
                    if (!field.getValue().isNull()) {
                        out.add(child);
                    }
                } else {
                    compare(child, field.getValue(), other, out);
                }
            }
        } else if (wanted.isArray()) {
            if (actual == null || !actual.isArray() || actual.size() != wanted.size()) {
                out.add(path);
                return;
            }
            for (int i = 0; i < wanted.size(); i++) {
                compare(path + "[" + i + "]", wanted.get(i), actual.get(i), out);
            }
        } else if (actual == null || !sameScalar(wanted, actual)) {
            out.add(path);
        }
    }

    /** YAML's 1 and the server's "1" for an int-or-string are the same value. */
    private static boolean sameScalar(JsonNode wanted, JsonNode actual) {
        return wanted.equals(actual) || wanted.isValueNode() && actual.isValueNode()
                && wanted.asText().equals(actual.asText());
    }

    private static ObjectNode withoutVolatile(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            VOLATILE_METADATA.forEach(metadata::remove);
        }
        return copy;
    }
}
