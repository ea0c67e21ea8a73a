package dev.veer.sandbox.apiserver;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an API server does to a custom resource before it stores it, in its order: prune the fields the structural
 * schema does not declare (or, with {@code fieldValidation=Strict} as kubectl sends it, refuse them), apply the
 * schema's defaults, then validate the schema and its CEL rules. A refusal is the Status object a real server sends:
 * 422 with reason Invalid and a cause per field (the CRD's message), or 400 BadRequest for a strict unknown field.
 */
final class Admission {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The object to store and the warnings to send, or the refusal. */
    sealed interface Result {
    }

    record Admitted(ObjectNode object, List<String> warnings) implements Result {
    }

    record Refused(int code, String status) implements Result {
    }

    private Admission() {
    }

    static Result admit(ApiResources.Resource resource, ObjectNode object, boolean strict) {
        CrdSchema schema = resource.schema().orElseThrow();
        String name = object.at("/metadata/name").asText(object.at("/metadata/generateName").asText(""));
        List<String> pruned = schema.prune(object);
        if (strict && !pruned.isEmpty()) {
            String fields = pruned.stream().map(f -> "unknown field \"" + f.substring(1) + "\"")
                    .collect(Collectors.joining(", "));
            return new Refused(400, status(400, "BadRequest", resource.kind() + " in version \"" + resource
                    .version() + "\" cannot be handled as a " + resource.kind() + ": strict decoding error: " + fields,
                    resource, name, null));
        }
        schema.applyDefaults(object);
        List<String> violations = schema.violations(object);
        if (!violations.isEmpty()) {
            ArrayNode causes = JSON.createArrayNode();
            for (String violation : violations) {
                int colon = violation.indexOf(": ");
                String field = violation.substring(1, colon);
                causes.addObject().put("reason", "FieldValueInvalid").put("message", violation.substring(colon + 2))
                        .put("field", field);
            }
            List<String> described = violations.stream().map(v -> v.substring(1)).toList();
            String list = described.size() == 1 ? described.get(0) : "[" + String.join(", ", described) + "]";
            return new Refused(422, status(422, "Invalid", resource.kind() + "." + resource.group() + " \"" + name
                    + "\" is invalid: " + list, resource, name, causes));
        }
        return new Admitted(object, pruned.stream().map(f -> "unknown field \"" + f.substring(1) + "\"").toList());
    }

    private static String status(int code, String reason, String message, ApiResources.Resource resource,
            String name, ArrayNode causes) {
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason);
        ObjectNode details = status.putObject("details").put("name", name).put("group", resource.group())
                .put("kind", resource.kind());
        if (causes != null) {
            details.set("causes", causes);
        }
        status.put("code", code);
        return status.toString();
    }
}
