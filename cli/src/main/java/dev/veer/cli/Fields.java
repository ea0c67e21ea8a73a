package dev.veer.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Veer object's fields by path ({@code "status.phase"}, {@code "spec.strategy.canary.steps"}), as the API server
 * serves them. The plugin depends on no Java model of Veer's kinds: an older or newer operator's objects still read,
 * and a kind it has never seen (GitSync) reads the same way.
 */
final class Fields {

    private final Map<String, Object> root;

    private Fields(Map<String, Object> root) {
        this.root = root;
    }

    static Fields of(GenericKubernetesResource resource) {
        Map<String, Object> map = new java.util.LinkedHashMap<>(resource.getAdditionalProperties());
        map.put("metadata", MAPPER.convertValue(resource.getMetadata(), Map.class));
        return new Fields(map);
    }

    @SuppressWarnings("unchecked")
    static Fields of(Object map) {
        return new Fields(map instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    /** The value at the path, or empty when any part of it is missing. */
    Optional<Object> value(String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(part);
        }
        return Optional.ofNullable(current);
    }

    Optional<String> text(String path) {
        return value(path).map(String::valueOf).filter(s -> !s.isEmpty());
    }

    String text(String path, String otherwise) {
        return text(path).orElse(otherwise);
    }

    Optional<Long> number(String path) {
        return value(path).flatMap(v -> {
            if (v instanceof Number n) {
                return Optional.of(n.longValue());
            }
            try {
                return Optional.of(Long.parseLong(String.valueOf(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    boolean flag(String path) {
        return value(path).map(v -> Boolean.parseBoolean(String.valueOf(v))).orElse(false);
    }

    /** The list at the path, each element readable by path; empty when missing. */
    List<Fields> list(String path) {
        return value(path).filter(List.class::isInstance).map(v -> ((List<?>) v).stream().map(Fields::of).toList())
                .orElse(List.of());
    }

    /** The object at the path, readable by path (empty when missing). */
    Fields object(String path) {
        return Fields.of(value(path).orElse(Map.of()));
    }

    boolean isEmpty() {
        return root.isEmpty();
    }

    Map<String, Object> asMap() {
        return root;
    }

    /** The object's conditions, as kubectl shows them. */
    List<Condition> conditions() {
        return list("status.conditions").stream().map(c -> new Condition(c.text("type", "?"),
                c.text("status", "Unknown"), c.text("reason", ""), c.text("message", ""))).toList();
    }

    record Condition(String type, String status, String reason, String message) {
    }
}
