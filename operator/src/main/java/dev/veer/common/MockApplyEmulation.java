package dev.veer.common;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a server-side apply by field manager {@code veer} does to an object, for fabric8's mock API server, which has
 * none (selected by {@code veer.kubernetes.server-side-apply=false}; used by tests and the sandbox only). Pure: JSON in,
 * JSON out.
 *
 * <p>Like a real API server, it remembers the fields Veer applied in a {@code managedFields} entry of manager
 * {@code veer} (operation {@code Apply}, {@code FieldsV1}), and on the next apply:
 * <ol>
 * <li>removes the fields Veer applied last time and applies no more (a selector key, an annotation);</li>
 * <li>merges the new apply configuration: objects field by field, lists and scalars replaced as a whole;</li>
 * <li>keeps every other field (status, a Service's clusterIP, other managers' labels, a user's other rules).</li>
 * </ol>
 * Differences from a real server, all outside what Veer relies on: every list is atomic (a real server merges
 * {@code x-kubernetes-list-type: map} lists such as containers by key), there are no conflicts between managers (Veer
 * always applies with force) and no defaulting, validation or managedFields for other managers.
 */
final class MockApplyEmulation {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> IDENTITY = List.of("apiVersion", "kind");
    private static final List<String> METADATA_IDENTITY = List.of("name", "namespace");

    private MockApplyEmulation() {
    }

    /** The object a create would send for {@code applied}: it, with Veer's managedFields entry. */
    static ObjectNode created(ObjectNode applied) {
        ObjectNode object = applied.deepCopy();
        record(object, applied);
        return object;
    }

    /** {@code existing} after Veer applied {@code applied} to it. Does not modify its arguments. */
    static ObjectNode applied(ObjectNode existing, ObjectNode applied) {
        ObjectNode merged = existing.deepCopy();
        JsonNode previous = veerFields(existing);
        if (previous != null) {
            prune(merged, previous, applied);
        }
        merge(merged, applied);
        record(merged, applied);
        return merged;
    }

    /** Removes from {@code target} the fields in {@code owned} that {@code applied} no longer has. */
    private static void prune(ObjectNode target, JsonNode owned, JsonNode applied) {
        for (Iterator<String> names = owned.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.startsWith("f:")) {
                continue;
            }
            String key = name.substring(2);
            JsonNode ownedChild = owned.get(name);
            JsonNode appliedChild = applied == null ? null : applied.get(key);
            if (ownedChild.isEmpty()) {
                if (appliedChild == null) {
                    target.remove(key);
                }
            } else if (target.get(key) instanceof ObjectNode child) {
                prune(child, ownedChild, appliedChild != null && appliedChild.isObject() ? appliedChild : null);
            }
        }
    }

    private static void merge(ObjectNode target, JsonNode applied) {
        applied.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty() && target.get(field.getKey()) instanceof ObjectNode child) {
                merge(child, value);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        });
    }

    /** Sets Veer's managedFields entry of {@code object} to the fields of {@code applied}. */
    private static void record(ObjectNode object, ObjectNode applied) {
        ObjectNode metadata = object.with("metadata");
        List<JsonNode> entries = new ArrayList<>();
        if (metadata.get("managedFields") != null) {
            metadata.get("managedFields").forEach(entry -> {
                if (!isVeers(entry)) {
                    entries.add(entry);
                }
            });
        }
        ObjectNode entry = NODES.objectNode();
        entry.put("manager", ResourceWriter.FIELD_MANAGER);
        entry.put("operation", "Apply");
        entry.put("apiVersion", applied.path("apiVersion").asText());
        entry.put("fieldsType", "FieldsV1");
        entry.set("fieldsV1", fieldsOf(applied, true));
        entries.add(entry);
        metadata.putArray("managedFields").addAll(entries);
    }

    private static ObjectNode fieldsOf(JsonNode applied, boolean top) {
        ObjectNode fields = NODES.objectNode();
        applied.fields().forEachRemaining(field -> {
            if (top && IDENTITY.contains(field.getKey())) {
                return;
            }
            JsonNode value = field.getValue();
            if (top && "metadata".equals(field.getKey())) {
                ObjectNode metadata = value.deepCopy();
                METADATA_IDENTITY.forEach(metadata::remove);
                value = metadata;
            }
            fields.set("f:" + field.getKey(), value.isObject() && !value.isEmpty() ? fieldsOf(value, false)
                    : NODES.objectNode());
        });
        return fields;
    }

    private static JsonNode veerFields(ObjectNode object) {
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            if (isVeers(entry)) {
                return entry.get("fieldsV1");
            }
        }
        return null;
    }

    private static boolean isVeers(JsonNode entry) {
        return ResourceWriter.FIELD_MANAGER.equals(entry.path("manager").asText())
                && "Apply".equals(entry.path("operation").asText());
    }
}
