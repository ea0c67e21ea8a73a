package dev.veer.analysis;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders of queries, conditions, addresses and header values: {@code {{rollout}}},
 * {@code {{namespace}}}, {@code {{slot}}}, {@code {{revision}}} and {@code {{args.NAME}}}. Spaces inside the braces
 * are allowed. Values are inserted as they are: a query that puts an arg in a PromQL string writes the quotes itself.
 * An unknown placeholder, or an arg without a value, makes the analysis invalid rather than sending a broken query.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}\\s]*)\\s*}}");
    private static final String ARGS = "args.";

    private final RolloutContext context;
    private final Map<String, String> args;

    /** Placeholders of the rollout only: an {@code {{args.NAME}}} is invalid. */
    public Placeholders(RolloutContext context) {
        this(context, Map.of());
    }

    public Placeholders(RolloutContext context, Map<String, String> args) {
        this.context = context;
        this.args = Map.copyOf(args);
    }

    /**
     * Returns {@code text} with its placeholders filled.
     *
     * @param where what the text is, for messages, for example {@code metric error-rate: query}
     */
    public String fill(String where, String text) throws InvalidAnalysisException {
        if (text == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(value(where, matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String value(String where, String name) throws InvalidAnalysisException {
        switch (name) {
            case "rollout":
                return context.rollout();
            case "namespace":
                return context.namespace();
            case "slot":
                return context.slot().label();
            case "revision":
                return Integer.toString(context.revision());
            default:
                break;
        }
        if (name.startsWith(ARGS)) {
            String arg = name.substring(ARGS.length());
            String value = args.get(arg);
            if (value == null) {
                throw new InvalidAnalysisException(where + " uses {{args." + arg + "}}, but no arg " + arg
                        + " has a value: pass it in the analysis args");
            }
            return value;
        }
        throw new InvalidAnalysisException(where + " uses the unknown placeholder {{" + name + "}}: use {{rollout}}, "
                + "{{namespace}}, {{slot}}, {{revision}} or {{args.NAME}}");
    }
}
