package dev.veer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JSON Patch (RFC 6902) under construction: the plugin's only way to change an object. */
final class JsonPatch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Map<String, Object>> operations = new ArrayList<>();

    /** Sets an annotation, creating {@code metadata.annotations} when the object has none. */
    static JsonPatch annotate(Fields object, String key, String value) {
        JsonPatch patch = new JsonPatch();
        if (object.value("metadata.annotations").isEmpty()) {
            return patch.op("add", "/metadata/annotations", Map.of(key, value));
        }
        return patch.op("add", "/metadata/annotations/" + escape(key), value);
    }

    JsonPatch test(String path, Object value) {
        return op("test", path, value);
    }

    JsonPatch add(String path, Object value) {
        return op("add", path, value);
    }

    JsonPatch replace(String path, Object value) {
        return op("replace", path, value);
    }

    JsonPatch remove(String path) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", "remove");
        operation.put("path", path);
        operations.add(operation);
        return this;
    }

    private JsonPatch op(String op, String path, Object value) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        operation.put("value", value);
        operations.add(operation);
        return this;
    }

    /** A JSON Pointer segment: {@code ~} and {@code /} escaped. */
    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    String json() {
        try {
            return JSON.writeValueAsString(operations);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
