package dev.veer.sandbox.apiserver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The server-side printing of a custom resource, as {@code kubectl get} asks for it ({@code Accept: ...;as=Table}): a
 * meta.k8s.io/v1 Table with the Name column and the CRD's additionalPrinterColumns in the CRD's order, a date column
 * shown as an age (5m, 2h) as an API server renders it.
 */
final class Tables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Tables() {
    }

    static boolean wanted(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    /** A Table of {@code objects} (an item or the items of a list) for a resource with a CRD version. */
    static String render(JsonNode crdVersion, JsonNode body, Instant now) {
        List<JsonNode> objects = new ArrayList<>();
        if (body.has("items")) {
            body.get("items").forEach(objects::add);
        } else {
            objects.add(body);
        }
        ObjectNode table = JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", body.at("/metadata/resourceVersion").asText(""));
        ArrayNode columns = table.putArray("columnDefinitions");
        columns.addObject().put("name", "Name").put("type", "string").put("format", "name").put("priority", 0)
                .put("description", "Name must be unique within a namespace.");
        JsonNode printerColumns = crdVersion.path("additionalPrinterColumns");
        if (printerColumns.isEmpty()) {
            printerColumns = JSON.createArrayNode().add(JSON.createObjectNode().put("name", "Age").put("type",
                    "date").put("jsonPath", ".metadata.creationTimestamp"));
        }
        for (JsonNode column : printerColumns) {
            columns.addObject().put("name", column.path("name").asText()).put("type", column.path("type").asText())
                    .put("format", "").put("priority", column.path("priority").asInt(0))
                    .put("description", column.path("description").asText(""));
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(object.at("/metadata/name").asText());
            for (JsonNode column : printerColumns) {
                cells.add(cell(select(object, column.path("jsonPath").asText()), column.path("type").asText(), now));
            }
            ObjectNode partial = row.putObject("object").put("kind", "PartialObjectMetadata")
                    .put("apiVersion", "meta.k8s.io/v1");
            partial.set("metadata", object.path("metadata").deepCopy());
        }
        return table.toString();
    }

    /**
     * The value at a printer column's JSON path: dotted fields, list indexes ({@code [0]}) and the condition filter
     * the CRDs use ({@code [?(@.type=="Ready")]}, the first match). Other JSONPath forms give no value.
     */
    static JsonNode select(JsonNode object, String jsonPath) {
        JsonNode at = object;
        Matcher step = STEP.matcher(jsonPath);
        while (step.find() && !at.isMissingNode()) {
            if (step.group(1) != null) {
                at = at.path(step.group(1));
            } else if (step.group(2) != null) {
                at = at.path(Integer.parseInt(step.group(2)));
            } else {
                JsonNode match = JSON.missingNode();
                for (JsonNode item : at) {
                    if (item.path(step.group(3)).asText().equals(step.group(4))) {
                        match = item;
                        break;
                    }
                }
                at = match;
            }
        }
        return at;
    }

    private static final Pattern STEP = Pattern.compile(
            "\\.([A-Za-z0-9_-]+)|\\[(\\d+)]|\\[\\?\\(@\\.([A-Za-z0-9_-]+)==\"([^\"]*)\"\\)]");

    private static JsonNode cell(JsonNode value, String type, Instant now) {
        if (value.isMissingNode() || value.isNull()) {
            return JSON.nullNode();
        }
        if (type.equals("date")) {
            try {
                return JSON.getNodeFactory().textNode(age(Duration.between(Instant.parse(value.asText()), now)));
            } catch (RuntimeException e) {
                return value;
            }
        }
        return value;
    }

    private static String age(Duration age) {
        long seconds = Math.max(0, age.getSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }
}
