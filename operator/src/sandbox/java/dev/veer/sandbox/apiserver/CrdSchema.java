package dev.veer.sandbox.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Checks a resource against the structural schema of a committed CRD as an API server would after defaulting:
 * types, unknown fields, required fields, patterns, enums, string lengths, numeric bounds, list sizes and the CEL
 * rules ({@link CelRules}). The mock API server checks none of this; tests of samples use it instead. Only
 * {@code spec} and {@code status} are checked (the server owns apiVersion, kind and metadata).
 */
public final class CrdSchema {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode schema;

    private CrdSchema(JsonNode schema) {
        this.schema = schema;
    }

    /** A CRD version's {@code openAPIV3Schema}. */
    public static CrdSchema of(JsonNode openApiV3Schema) {
        return new CrdSchema(openApiV3Schema);
    }

    /** The schema of the CRD's first version. */
    public static CrdSchema load(Path crd) {
        try {
            return new CrdSchema(YAML.readTree(crd.toFile()).at("/spec/versions/0/schema/openAPIV3Schema"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a YAML document, for example a sample, as a tree. */
    public static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every way {@code resource} breaks the schema, as {@code path: problem}; empty when it is valid. */
    public List<String> violations(JsonNode resource) {
        List<String> violations = new ArrayList<>();
        for (String part : List.of("spec", "status")) {
            if (resource.has(part)) {
                check(schema.path("properties").path(part), resource.get(part), "." + part, violations);
            }
        }
        return violations;
    }

    /**
     * Removes every field the schema does not declare (unless it preserves unknown fields there), as an API server
     * prunes a structural schema's object; returns the paths of the removed fields, for example {@code .spec.stepz}.
     */
    public List<String> prune(ObjectNode resource) {
        List<String> pruned = new ArrayList<>();
        for (Iterator<String> names = resource.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!List.of("apiVersion", "kind", "metadata", "spec", "status").contains(name)) {
                pruned.add("." + name);
                names.remove();
            }
        }
        for (String part : List.of("spec", "status")) {
            prune(schema.path("properties").path(part), resource.get(part), "." + part, pruned);
        }
        return pruned;
    }

    private static void prune(JsonNode schema, JsonNode value, String path, List<String> pruned) {
        if (value == null || schema.isMissingNode()) {
            return;
        }
        if (value.isObject() && schema.path("type").asText().equals("object")) {
            boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
                var field = fields.next();
                JsonNode fieldSchema = properties.has(field.getKey()) ? properties.get(field.getKey())
                        : additional.isObject() ? additional : null;
                if (fieldSchema == null && !preserve && !additional.asBoolean(false)) {
                    pruned.add(path + "." + field.getKey());
                    fields.remove();
                } else if (fieldSchema != null) {
                    prune(fieldSchema, field.getValue(), path + "." + field.getKey(), pruned);
                }
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                prune(schema.path("items"), value.get(i), path + "[" + i + "]", pruned);
            }
        }
    }

    /** Sets the schema's {@code default} of every field that is missing in an object that is present. */
    public void applyDefaults(ObjectNode resource) {
        for (String part : List.of("spec", "status")) {
            applyDefaults(schema.path("properties").path(part), resource.get(part));
        }
    }

    private static void applyDefaults(JsonNode schema, JsonNode value) {
        if (value == null) {
            return;
        }
        if (value instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties
                    .hasNext();) {
                var property = properties.next();
                if (!object.has(property.getKey()) && property.getValue().has("default")) {
                    object.set(property.getKey(), property.getValue().get("default").deepCopy());
                }
                applyDefaults(property.getValue(), object.get(property.getKey()));
            }
        } else if (value.isArray()) {
            value.forEach(item -> applyDefaults(schema.path("items"), item));
        }
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> violations) {
        String type = schema.path("type").asText();
        switch (type) {
            case "object" -> checkObject(schema, value, path, violations);
            case "array" -> checkArray(schema, value, path, violations);
            case "string" -> checkString(schema, value, path, violations);
            case "integer", "number" -> checkNumber(schema, value, path, violations, type.equals("integer"));
            case "boolean" -> require(value.isBoolean(), path + ": expected a boolean", violations);
            default -> {
                // no type: x-kubernetes-preserve-unknown-fields or int-or-string; nothing more to check here
            }
        }
        for (JsonNode validation : schema.path("x-kubernetes-validations")) {
            if (!holds(validation.path("rule").asText(), value)) {
                violations.add(path + ": " + validation.path("message").asText(validation.path("rule").asText()));
            }
        }
    }

    private static boolean holds(String rule, JsonNode value) {
        try {
            return CelRules.holds(rule, value);
        } catch (IllegalArgumentException e) {
            return false; // an API server reports a rule that cannot be evaluated as a failed rule
        }
    }

    private static void checkObject(JsonNode schema, JsonNode value, String path, List<String> violations) {
        if (!value.isObject()) {
            violations.add(path + ": expected an object");
            return;
        }
        for (JsonNode required : schema.path("required")) {
            require(value.has(required.asText()), path + ": " + required.asText() + " is required", violations);
        }
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
            var field = fields.next();
            JsonNode fieldSchema = schema.path("properties").path(field.getKey());
            if (fieldSchema.isMissingNode() && schema.path("additionalProperties").isObject()) {
                // A map (map[string]T): every value follows additionalProperties.
                check(schema.path("additionalProperties"), field.getValue(), path + "." + field.getKey(), violations);
            } else if (fieldSchema.isMissingNode()) {
                require(preserve, path + "." + field.getKey() + ": unknown field", violations);
            } else {
                check(fieldSchema, field.getValue(), path + "." + field.getKey(), violations);
            }
        }
    }

    private static void checkArray(JsonNode schema, JsonNode value, String path, List<String> violations) {
        if (!value.isArray()) {
            violations.add(path + ": expected a list");
            return;
        }
        require(!schema.has("maxItems") || value.size() <= schema.get("maxItems").asInt(),
                path + ": more than " + schema.path("maxItems").asInt() + " items", violations);
        require(!schema.has("minItems") || value.size() >= schema.get("minItems").asInt(),
                path + ": fewer than " + schema.path("minItems").asInt() + " items", violations);
        for (int i = 0; i < value.size(); i++) {
            check(schema.path("items"), value.get(i), path + "[" + i + "]", violations);
        }
    }

    private static void checkString(JsonNode schema, JsonNode value, String path, List<String> violations) {
        if (!value.isTextual()) {
            violations.add(path + ": expected a string");
            return;
        }
        String text = value.asText();
        require(!schema.has("pattern") || java.util.regex.Pattern.compile(schema.get("pattern").asText())
                .matcher(text).find(), path + ": '" + text + "' does not match " + schema.path("pattern").asText(),
                violations);
        require(!schema.has("maxLength") || text.length() <= schema.get("maxLength").asInt(),
                path + ": longer than " + schema.path("maxLength").asInt(), violations);
        require(!schema.has("minLength") || text.length() >= schema.get("minLength").asInt(),
                path + ": shorter than " + schema.path("minLength").asInt(), violations);
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.asText().equals(text);
            }
            require(listed, path + ": '" + text + "' is not one of " + schema.get("enum"), violations);
        }
    }

    private static void checkNumber(JsonNode schema, JsonNode value, String path, List<String> violations,
            boolean integer) {
        if (!value.isNumber() || (integer && !value.isIntegralNumber())) {
            violations.add(path + ": expected " + (integer ? "an integer" : "a number"));
            return;
        }
        require(!schema.has("minimum") || value.asDouble() >= schema.get("minimum").asDouble(),
                path + ": less than " + schema.path("minimum").asText(), violations);
        require(!schema.has("maximum") || value.asDouble() <= schema.get("maximum").asDouble(),
                path + ": more than " + schema.path("maximum").asText(), violations);
    }

    private static void require(boolean condition, String violation, List<String> violations) {
        if (!condition) {
            violations.add(violation);
        }
    }
}
