package dev.veer.analysis;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders of a condition for checking it before any rollout runs it: an arg the HealthCheck declares
 * with a value gets that value (its own rollout placeholders filled from a sample rollout), an arg the rollout will
 * pass gets a stand-in of the type its place asks for: {@code 0} where a number goes, {@code x} inside a string
 * literal. So {@code result <= {{args.maxErrorRate}}} is checked as {@code result <= 0.01} (or {@code result <= 0}),
 * and an undeclared arg or unknown placeholder is still a problem, named as {@link Placeholders} names it.
 */
final class ConditionStandIns {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*args\\.([^{}\\s]*)\\s*}}");
    private static final String NUMBER = "0";
    private static final String TEXT = "x";

    private final RolloutContext context;
    private final Map<String, Optional<String>> declared;

    ConditionStandIns(RolloutContext context, Map<String, Optional<String>> declared) {
        this.context = context;
        this.declared = Map.copyOf(declared);
    }

    String fill(String where, String condition) throws InvalidAnalysisException {
        Placeholders rolloutOnly = new Placeholders(context);
        Matcher matcher = PLACEHOLDER.matcher(condition);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String arg = matcher.group(1);
            Optional<String> value = declared.getOrDefault(arg, Optional.empty());
            String replacement = matcher.group(); // undeclared: left for Placeholders to report
            if (value.isPresent()) {
                replacement = rolloutOnly.fill(where + ": arg " + arg, value.get());
            } else if (declared.containsKey(arg)) {
                replacement = insideString(condition, matcher.start()) ? TEXT : NUMBER;
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return rolloutOnly.fill(where, out.toString());
    }

    /** Whether {@code position} is inside a CEL string literal: an odd number of unescaped quotes before it. */
    private static boolean insideString(String text, int position) {
        Character open = null;
        for (int i = 0; i < position; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (open == null && (c == '"' || c == '\'')) {
                open = c;
            } else if (open != null && c == open) {
                open = null;
            }
        }
        return open != null;
    }
}
