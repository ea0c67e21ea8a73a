package dev.veer.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.veer.sandbox.apiserver.CrdSchema;

/**
 * Every Veer resource in {@code samples/} follows its CRD's schema and CEL rules, as a real API server would check
 * them (the mock API server checks neither).
 */
class SamplesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path SAMPLES = Path.of(System.getProperty("veer.samples.dir", "../samples"));
    private static final Path CRDS = Path.of(System.getProperty("veer.crds.dir", "../crds"));

    static Stream<Path> samples() throws IOException {
        return Files.list(SAMPLES).filter(f -> f.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyVeerResourceInTheSampleFollowsItsCrd(Path sample) throws IOException {
        Map<String, CrdSchema> schemas = schemasByKind();
        List<JsonNode> documents = YAML.readValues(YAML.createParser(sample.toFile()), JsonNode.class).readAll();
        int checked = 0;
        for (JsonNode document : documents) {
            if (document.path("apiVersion").asText().startsWith("veer.dev/")) {
                String kind = document.path("kind").asText();
                assertThat(schemas).as("a CRD for kind %s", kind).containsKey(kind);
                assertThat(schemas.get(kind).violations(document)).as("%s %s", kind,
                        document.path("metadata").path("name").asText()).isEmpty();
                checked++;
            }
        }
        assertThat(checked).as("Veer resources in %s", sample.getFileName()).isPositive();
    }

    /** The sandbox applies every sample into one namespace: two objects of a kind with one name would clash. */
    @Test
    void noTwoSamplesNameTheSameObject() throws IOException {
        Map<String, Path> seen = new HashMap<>();
        for (Path sample : samples().toList()) {
            for (JsonNode document : YAML.readValues(YAML.createParser(sample.toFile()), JsonNode.class).readAll()) {
                String key = document.path("kind").asText() + " " + document.path("metadata").path("namespace")
                        .asText("default") + "/" + document.path("metadata").path("name").asText();
                Path other = seen.putIfAbsent(key, sample);
                assertThat(other).as("%s is in both %s and %s", key, other, sample.getFileName()).isNull();
            }
        }
    }

    private static Map<String, CrdSchema> schemasByKind() throws IOException {
        Map<String, CrdSchema> schemas = new HashMap<>();
        try (Stream<Path> crds = Files.list(CRDS)) {
            for (Path crd : crds.filter(f -> f.toString().endsWith(".yml")).toList()) {
                String kind = YAML.readTree(crd.toFile()).at("/spec/names/kind").asText();
                schemas.put(kind, CrdSchema.load(crd));
            }
        }
        return schemas;
    }
}
