package dev.veer.cli;

import io.fabric8.kubernetes.api.model.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kubectl veer get cw|gs NAME}: a ConfigWatch or GitSync (or any Veer kind) as a tree, read generically: its
 * spec and status fields as they are served, its conditions and its recent events. No I/O here.
 */
final class SourceTree {

    private SourceTree() {
    }

    static String render(VeerKind kind, Fields object, List<Event> events, Instant now, Style style) {
        StringBuilder out = new StringBuilder();
        out.append(style.bold(String.format("%-10s", "Name:"))).append(' ').append(object.text("metadata.name", "?"))
                .append('\n');
        out.append(style.bold(String.format("%-10s", "Namespace:"))).append(' ')
                .append(object.text("metadata.namespace", "?")).append('\n');
        out.append(style.bold(String.format("%-10s", "Kind:"))).append(' ').append(kind.kind()).append('\n');
        out.append(style.bold("Spec")).append('\n');
        fields(out, object.object("spec").asMap(), "");
        Map<String, Object> status = new java.util.LinkedHashMap<>(object.object("status").asMap());
        status.remove("conditions");
        if (!status.isEmpty()) {
            out.append(style.bold("Status")).append('\n');
            fields(out, status, "");
        }
        List<Fields.Condition> conditions = object.conditions();
        if (!conditions.isEmpty()) {
            out.append(style.bold("Conditions")).append('\n');
            for (int i = 0; i < conditions.size(); i++) {
                Fields.Condition c = conditions.get(i);
                out.append(i == conditions.size() - 1 ? "`-- " : "|-- ").append(c.type()).append("  ")
                        .append(style.state(c.status())).append(c.reason().isEmpty() ? "" : "  " + c.reason())
                        .append(c.message().isEmpty() ? "" : "  " + c.message()).append('\n');
            }
        }
        if (!events.isEmpty()) {
            out.append(style.bold("Events")).append('\n');
            List<Event> recent = events.subList(Math.max(0, events.size() - RolloutTree.EVENTS_SHOWN), events.size());
            for (int i = 0; i < recent.size(); i++) {
                Event e = recent.get(i);
                out.append(i == recent.size() - 1 ? "`-- " : "|-- ").append(Ages.since(Cluster.eventTime(e), now))
                        .append(" ago  ").append(style.state(Optional.ofNullable(e.getType()).orElse("Normal")))
                        .append("  ").append(e.getReason()).append("  ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    /** Nested fields as indented {@code key: value} lines; lists of scalars inline, lists of objects by index. */
    private static void fields(StringBuilder out, Map<String, Object> map, String indent) {
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                out.append(indent).append("  ").append(entry.getKey()).append(":\n");
                fields(out, cast(nested), indent + "  ");
            } else if (value instanceof List<?> list && list.stream().anyMatch(Map.class::isInstance)) {
                out.append(indent).append("  ").append(entry.getKey()).append(":\n");
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    if (item instanceof Map<?, ?> element) {
                        out.append(indent).append("    - ").append(inline(cast(element))).append('\n');
                    } else {
                        out.append(indent).append("    - ").append(item).append('\n');
                    }
                }
            } else {
                out.append(indent).append("  ").append(entry.getKey()).append(": ").append(value).append('\n');
            }
        }
    }

    private static String inline(Map<String, Object> map) {
        StringBuilder line = new StringBuilder();
        map.forEach((k, v) -> line.append(line.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        return line.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
