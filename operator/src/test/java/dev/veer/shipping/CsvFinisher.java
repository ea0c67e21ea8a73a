package dev.veer.shipping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Completes the ClusterServiceVersion that QOSDK's bundle generator writes, with what cannot be a constant in
 * {@code VeerCsvMetadata}: run by exec-maven-plugin in the package phase (operator/pom.xml), before the drift check.
 * <ul>
 * <li>{@code alm-examples}: one example per owned kind, the first object of that kind in {@code samples/} (files in
 * name order), without namespace;</li>
 * <li>each owned CRD's display name, description, and spec and status descriptors: one per top-level field of the
 * CRD schema's spec and status, with the schema's description and an x-descriptor by type;</li>
 * <li>{@code containerImage} and {@code relatedImages}: the Deployment's image.</li>
 * </ul>
 * Arguments: the CSV file (rewritten in place), the directory of generated CRDs, the samples directory.
 */
public final class CsvFinisher {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String UI = "urn:alm:descriptor:com.tectonic.ui:";

    private CsvFinisher() {
    }

    public static void main(String[] args) throws IOException {
        Path csvFile = Path.of(args[0]);
        Map<String, JsonNode> crds = crdsByName(Path.of(args[1]));
        List<JsonNode> samples = samples(Path.of(args[2]));
        ObjectNode csv = (ObjectNode) YAML.readTree(csvFile.toFile());
        finish(csv, crds, samples);
        YAML.writeValue(csvFile.toFile(), csv);
    }

    static void finish(ObjectNode csv, Map<String, JsonNode> crds, List<JsonNode> samples) throws IOException {
        ObjectNode annotations = ((ObjectNode) csv.path("metadata")).with("annotations");
        ArrayNode examples = NODES.arrayNode();
        for (JsonNode owned : csv.at("/spec/customresourcedefinitions/owned")) {
            JsonNode crd = crds.get(owned.path("name").asText());
            if (crd == null) {
                throw new IllegalStateException("no generated CRD for owned " + owned.path("name").asText());
            }
            describe((ObjectNode) owned, crd);
            String apiVersion = crd.at("/spec/group").asText() + "/" + owned.path("version").asText();
            examples.add(example(samples, apiVersion, owned.path("kind").asText()));
        }
        annotations.put("alm-examples", JSON.writeValueAsString(examples));
        String image = operatorImage(csv);
        annotations.put("containerImage", image);
        ArrayNode related = ((ObjectNode) csv.path("spec")).putArray("relatedImages");
        related.addObject().put("name", "veer-operator").put("image", image);
    }

    private static void describe(ObjectNode owned, JsonNode crd) {
        JsonNode version = null;
        for (JsonNode v : crd.at("/spec/versions")) {
            if (v.path("name").asText().equals(owned.path("version").asText())) {
                version = v;
            }
        }
        if (version == null) {
            throw new IllegalStateException("CRD " + owned.path("name").asText() + " has no version "
                    + owned.path("version").asText());
        }
        JsonNode schema = version.at("/schema/openAPIV3Schema");
        owned.put("displayName", words(owned.path("kind").asText()));
        owned.put("description", firstSentence(schema.path("description").asText(
                schema.at("/properties/spec/description").asText(words(owned.path("kind").asText())))));
        owned.set("specDescriptors", descriptors(schema.at("/properties/spec/properties"), false));
        owned.set("statusDescriptors", descriptors(schema.at("/properties/status/properties"), true));
    }

    private static ArrayNode descriptors(JsonNode properties, boolean status) {
        ArrayNode descriptors = NODES.arrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            ObjectNode descriptor = descriptors.addObject();
            descriptor.put("path", field.getKey());
            descriptor.put("displayName", words(field.getKey()));
            String description = field.getValue().path("description").asText("");
            if (!description.isEmpty()) {
                descriptor.put("description", firstSentence(description));
            }
            List<String> xDescriptors = xDescriptors(field.getKey(), field.getValue(), status);
            if (!xDescriptors.isEmpty()) {
                ArrayNode x = descriptor.putArray("x-descriptors");
                xDescriptors.forEach(x::add);
            }
        }
        return descriptors;
    }

    private static List<String> xDescriptors(String name, JsonNode schema, boolean status) {
        List<String> x = new ArrayList<>();
        String type = schema.path("type").asText();
        if (status) {
            if (name.equals("conditions")) {
                x.add("urn:alm:descriptor:io.kubernetes.conditions");
            } else if (name.equals("phase")) {
                x.add("urn:alm:descriptor:io.kubernetes.phase");
            } else if (type.equals("string") || type.equals("integer") || type.equals("boolean")) {
                x.add("urn:alm:descriptor:text");
            }
            return x;
        }
        switch (type) {
            case "boolean" -> x.add(UI + "booleanSwitch");
            case "integer", "number" -> x.add(UI + "number");
            case "string" -> {
                if (schema.has("enum")) {
                    schema.path("enum").forEach(v -> x.add(UI + "select:" + v.asText()));
                } else {
                    x.add(UI + "text");
                }
            }
            default -> x.add(UI + "advanced");
        }
        return x;
    }

    private static ObjectNode example(List<JsonNode> samples, String apiVersion, String kind) {
        for (JsonNode sample : samples) {
            if (sample.path("apiVersion").asText().equals(apiVersion) && sample.path("kind").asText().equals(kind)) {
                ObjectNode copy = sample.deepCopy();
                ObjectNode metadata = (ObjectNode) copy.path("metadata");
                metadata.remove("namespace");
                return copy;
            }
        }
        throw new IllegalStateException("samples/ holds no " + kind + " (" + apiVersion + ") for alm-examples");
    }

    private static String operatorImage(JsonNode csv) {
        for (JsonNode deployment : csv.at("/spec/install/spec/deployments")) {
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                return container.path("image").asText();
            }
        }
        throw new IllegalStateException("the CSV installs no Deployment");
    }

    private static Map<String, JsonNode> crdsByName(Path dir) throws IOException {
        Map<String, JsonNode> crds = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".veer.dev-v1.yml")).sorted()
                    .toList()) {
                JsonNode crd = YAML.readTree(file.toFile());
                crds.put(crd.at("/metadata/name").asText(), crd);
            }
        }
        return crds;
    }

    private static List<JsonNode> samples(Path dir) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode document : YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class)
                        .readAll()) {
                    if (document != null && document.isObject()) {
                        objects.add(document);
                    }
                }
            }
        }
        return objects;
    }

    /** {@code maxSurge} to {@code Max Surge}, {@code ServiceRollout} to {@code Service Rollout}. */
    static String words(String camel) {
        String spaced = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static String firstSentence(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        int end = oneLine.indexOf(". ");
        return end < 0 ? oneLine : oneLine.substring(0, end + 1);
    }
}
