package dev.veer.testing.celcost;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a CEL rule sees of a structural schema node, with the two figures the API server's cost estimator takes from
 * it: the largest number of elements a value can hold ({@link #maxElements}: characters of a string, items of a list,
 * entries of a map) and the smallest size a value takes in a JSON request ({@link #minSerializedSize}).
 *
 * <p>Facts carried over from apiextensions-apiserver (k8s.io/apiserver/pkg/cel/common/schemas.go, SchemaDeclType):
 * <ul>
 * <li>A string with {@code maxLength} holds {@code 4 * maxLength} (bytes: a code point may take 4); with an
 * {@code enum} and no maxLength, the longest value; otherwise as much as a request of 3 MiB can carry (3 MiB - 2).</li>
 * <li>A list with {@code maxItems} holds that many items; otherwise {@code (3 MiB - 2) / (minSize(item) + 1)}.</li>
 * <li>A map ({@code additionalProperties}) with {@code maxProperties} holds that many; otherwise
 * {@code (3 MiB - 2) / (minSize(value) + 6)}.</li>
 * <li>The smallest serialized size: 2 for an object ({@code {}}) plus, for each required property without a
 * default, its name's length + its own smallest size + 4; 2 for a string, list or map; 1 for a number or an
 * int-or-string; 4 for a boolean.</li>
 * <li>x-kubernetes-int-or-string is dynamic, sized like a string. Unknown fields (preserve-unknown-fields) are not
 * visible to rules; an array without items is not visible.</li>
 * </ul>
 * Simplification (conservative): strings with a {@code format} (date-time, duration, date) are sized like plain
 * strings, where the API server knows them to be short.
 */
public final class SchemaType {

    /** The largest request the API server accepts, the bound of everything unbounded: 3 MiB. */
    public static final long MAX_REQUEST_SIZE_BYTES = 3L * 1024 * 1024;

    /** What kind of CEL value a schema node becomes. */
    public enum Kind {
        OBJECT, MAP, LIST, STRING, BYTES, INT, DOUBLE, BOOL, DYN
    }

    private final Kind kind;
    private final Map<String, SchemaType> fields;
    private final SchemaType elem;
    private final long maxElements;
    private final long minSerializedSize;
    private final boolean bounded;

    private SchemaType(Kind kind, Map<String, SchemaType> fields, SchemaType elem, long maxElements,
            long minSerializedSize) {
        this(kind, fields, elem, maxElements, minSerializedSize, true);
    }

    private SchemaType(Kind kind, Map<String, SchemaType> fields, SchemaType elem, long maxElements,
            long minSerializedSize, boolean bounded) {
        this.kind = kind;
        this.fields = fields;
        this.elem = elem;
        this.maxElements = maxElements;
        this.minSerializedSize = minSerializedSize;
        this.bounded = bounded;
    }

    /**
     * The type of {@code schema}, or null when rules cannot see it. {@code resourceRoot}: the root of a custom
     * resource or of an embedded resource, where apiVersion, kind and metadata.name/generateName are always visible.
     */
    public static SchemaType of(JsonNode schema, boolean resourceRoot) {
        if (schema == null || schema.isMissingNode()) {
            return null;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            long max = schema.has("maxLength") ? 4 * nonNegative(schema.get("maxLength").asLong())
                    : MAX_REQUEST_SIZE_BYTES - 2;
            return new SchemaType(Kind.DYN, Map.of(), null, max, 1, schema.has("maxLength"));
        }
        switch (schema.path("type").asText()) {
            case "array" -> {
                SchemaType items = of(schema.get("items"), embedded(schema.get("items")));
                if (items == null) {
                    return null;
                }
                long max = schema.has("maxItems") ? nonNegative(schema.get("maxItems").asLong())
                        : (MAX_REQUEST_SIZE_BYTES - 2) / (items.minSerializedSize + 1);
                return new SchemaType(Kind.LIST, Map.of(), items, max, 2, schema.has("maxItems"));
            }
            case "object" -> {
                JsonNode additional = schema.get("additionalProperties");
                if (additional != null && additional.isObject()) {
                    SchemaType values = of(additional, embedded(additional));
                    if (values == null) {
                        return null;
                    }
                    long max = schema.has("maxProperties") ? nonNegative(schema.get("maxProperties").asLong())
                            : (MAX_REQUEST_SIZE_BYTES - 2) / (values.minSerializedSize + 6);
                    return new SchemaType(Kind.MAP, Map.of(), values, max, 2, schema.has("maxProperties"));
                }
                return object(schema, resourceRoot);
            }
            case "string" -> {
                long max;
                boolean bounded = true;
                if (schema.has("maxLength")) {
                    max = 4 * nonNegative(schema.get("maxLength").asLong());
                } else if (schema.has("enum") && schema.get("enum").size() > 0) {
                    max = 0;
                    for (JsonNode value : schema.get("enum")) {
                        max = Math.max(max, value.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                    }
                } else {
                    max = MAX_REQUEST_SIZE_BYTES - 2;
                    bounded = false;
                }
                boolean bytes = "byte".equals(schema.path("format").asText());
                if (bytes && schema.has("maxLength")) {
                    max = nonNegative(schema.get("maxLength").asLong());
                }
                return new SchemaType(bytes ? Kind.BYTES : Kind.STRING, Map.of(), null, max, 2, bounded);
            }
            case "boolean" -> {
                return new SchemaType(Kind.BOOL, Map.of(), null, 0, 4);
            }
            case "number" -> {
                return new SchemaType(Kind.DOUBLE, Map.of(), null, 0, 1);
            }
            case "integer" -> {
                return new SchemaType(Kind.INT, Map.of(), null, 0, 1);
            }
            default -> {
                return null;
            }
        }
    }

    private static SchemaType object(JsonNode schema, boolean resourceRoot) {
        Map<String, SchemaType> fields = new LinkedHashMap<>();
        long minSize = 2;
        java.util.Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        for (var property : schema.path("properties").properties()) {
            JsonNode propertySchema = property.getValue();
            SchemaType type = of(propertySchema, embedded(propertySchema));
            if (type == null) {
                continue;
            }
            fields.put(property.getKey(), type);
            if (required.contains(property.getKey()) && !propertySchema.has("default")) {
                minSize += property.getKey().length() + type.minSerializedSize + 4;
            }
        }
        if (resourceRoot) {
            SchemaType unboundedString = new SchemaType(Kind.STRING, Map.of(), null, MAX_REQUEST_SIZE_BYTES - 2, 2,
                    false);
            fields.putIfAbsent("apiVersion", unboundedString);
            fields.putIfAbsent("kind", unboundedString);
            fields.putIfAbsent("metadata", new SchemaType(Kind.OBJECT,
                    Map.of("name", unboundedString, "generateName", unboundedString), null, 0, 2));
        }
        return new SchemaType(Kind.OBJECT, fields, null, 0, minSize);
    }

    static boolean embedded(JsonNode schema) {
        return schema != null && schema.path("x-kubernetes-embedded-resource").asBoolean(false);
    }

    private static long nonNegative(long value) {
        return Math.max(0, value);
    }

    public Kind kind() {
        return kind;
    }

    /** A visible property of an object, or null. */
    public SchemaType field(String name) {
        return fields.get(name);
    }

    /** The items of a list or the values of a map, else null. */
    public SchemaType elem() {
        return elem;
    }

    public long maxElements() {
        return maxElements;
    }

    public long minSerializedSize() {
        return minSerializedSize;
    }

    /**
     * False for a string, list or map whose size the schema does not bound (no maxLength, enum, maxItems or
     * maxProperties): the API server then sizes it by what 3 MiB can hold.
     */
    public boolean bounded() {
        return bounded;
    }
}
