package dev.veer.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Golden files: a test's inputs and expected outputs as YAML under {@code src/test/resources/golden/<case>/}.
 *
 * <p>Outputs are compared by meaning (both sides parsed to JSON trees; key order and YAML style do not matter, numbers
 * compare by value). When an expected file is missing or differs, the actual output is written to
 * {@code target/golden-actual/<case>/} and the test fails, saying where the first difference is. Running with
 * {@code -Dveer.golden.update=true} rewrites the expected files instead: review the diff before committing.
 */
public final class Golden {

    /** System property that makes {@link #assertMatches} rewrite expected files instead of failing. */
    public static final String UPDATE = "veer.golden.update";

    private static final Path EXPECTED_ROOT = Path.of("src", "test", "resources", "golden");
    private static final Path ACTUAL_ROOT = Path.of("target", "golden-actual");
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization(
            JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build(), true);
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build()).build();
    private static final Comparator<JsonNode> SAME_NUMBER = (a, b) -> a.equals(b)
            || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0) ? 0 : 1;

    private final String caseName;

    private Golden(String caseName) {
        this.caseName = caseName;
    }

    /** The golden files of one case: the directory {@code src/test/resources/golden/<caseName>}. */
    public static Golden of(String caseName) {
        return new Golden(caseName);
    }

    /** Reads an input file of this case as {@code type} (any fabric8 model or custom resource class). */
    public <T> T input(String file, Class<T> type) {
        Path path = EXPECTED_ROOT.resolve(caseName).resolve(file);
        try {
            return KUBERNETES.unmarshal(Files.readString(path), type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read golden input " + path, e);
        }
    }

    /** Fails unless {@code actual}, serialized, means the same as the expected file (see the class comment). */
    public void assertMatches(String file, Object actual) {
        Path expectedPath = EXPECTED_ROOT.resolve(caseName).resolve(file);
        Path actualPath = ACTUAL_ROOT.resolve(caseName).resolve(file);
        JsonNode actualTree = tree(actual);
        Optional<JsonNode> expectedTree = read(expectedPath);
        if (expectedTree.isPresent() && expectedTree.get().equals(SAME_NUMBER, actualTree)) {
            return;
        }
        String yaml = yaml(actualTree);
        write(actualPath, yaml);
        if (Boolean.getBoolean(UPDATE)) {
            write(expectedPath, yaml);
            System.out.println("Rewrote golden file " + expectedPath.toAbsolutePath());
            return;
        }
        String what = expectedTree.map(expected -> "differs from the actual output at "
                + firstDifference(expected, actualTree, "")).orElse("is missing");
        fail("Golden file " + expectedPath + " " + what + ".\nActual output: " + actualPath.toAbsolutePath()
                + "\nIf the change is intended, rerun with -D" + UPDATE + "=true to rewrite the expected files under "
                + EXPECTED_ROOT + ", and review the diff before committing.");
    }

    private static JsonNode tree(Object actual) {
        try {
            return YAML.readTree(KUBERNETES.asJson(actual));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<JsonNode> read(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(YAML.readTree(path.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse golden file " + path, e);
        }
    }

    private static String yaml(JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path path, String content) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path, e);
        }
    }

    /** The path (/key/index/...) of the first place where the trees differ, with both values. */
    private static String firstDifference(JsonNode expected, JsonNode actual, String at) {
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = actual.get(field.getKey());
                String path = at + "/" + field.getKey();
                if (other == null) {
                    return path + " (expected " + field.getValue() + ", absent in actual)";
                }
                if (!field.getValue().equals(SAME_NUMBER, other)) {
                    return firstDifference(field.getValue(), other, path);
                }
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!expected.has(name)) {
                    return at + "/" + name + " (absent in expected, actual " + actual.get(name) + ")";
                }
            }
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                if (!expected.get(i).equals(SAME_NUMBER, actual.get(i))) {
                    return firstDifference(expected.get(i), actual.get(i), at + "/" + i);
                }
            }
        }
        return (at.isEmpty() ? "/" : at) + " (expected " + expected + ", actual " + actual + ")";
    }
}
