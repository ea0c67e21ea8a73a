package dev.veer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A CRD whose schema gives a field a default of the wrong type (the generator writes {@code default: null} for
 * {@code @Default("")}) is refused by a real API server: a default must validate against its own schema, and null only
 * where the field is nullable. The mock server never looks.
 */
class CrdDefaultsTest {

    private static final Path CRDS = Path.of(System.getProperty("veer.crds.dir", "../crds"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> crds() throws IOException {
        try (Stream<Path> files = Files.list(CRDS)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("crds")
    void everyDefaultHasTheTypeOfItsField(Path crd) throws IOException {
        List<String> wrong = new ArrayList<>();
        for (JsonNode version : YAML.readTree(crd.toFile()).at("/spec/versions")) {
            walk(version.at("/schema/openAPIV3Schema"), version.path("name").asText(), wrong);
        }
        assertThat(wrong).as(crd.getFileName() + ": defaults that do not match their field's type").isEmpty();
    }

    private static void walk(JsonNode schema, String path, List<String> wrong) {
        if (schema.has("default") && !matches(schema.get("default"), schema)) {
            wrong.add(path + ": default " + schema.get("default") + " is not a " + schema.path("type").asText());
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            walk(property.getValue(), path + "." + property.getKey(), wrong);
        }
        if (schema.path("items").isObject()) {
            walk(schema.get("items"), path + "[]", wrong);
        }
        if (schema.path("additionalProperties").isObject()) {
            walk(schema.get("additionalProperties"), path + "{}", wrong);
        }
    }

    private static boolean matches(JsonNode value, JsonNode schema) {
        if (value.isNull()) {
            return schema.path("nullable").asBoolean(false);
        }
        return switch (schema.path("type").asText()) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
    }
}
