package dev.veer.gitsync.plan;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * postBuild substitution in a document's text: {@code ${NAME}} becomes the variable's value, {@code ${NAME:=default}}
 * the value or the default, {@code $${NAME}} stays {@code ${NAME}}. A variable with neither value nor default is an
 * error naming it.
 */
final class Substitution {

    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(\\$?)\\{([_a-zA-Z][_a-zA-Z0-9]*)(?::=([^}]*))?}");

    private Substitution() {
    }

    static String apply(String text, Map<String, String> variables) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = m.group().substring(1);
            } else if (variables.containsKey(m.group(2))) {
                replacement = variables.get(m.group(2));
            } else if (m.group(3) != null) {
                replacement = m.group(3);
            } else {
                throw new IllegalArgumentException("variable ${" + m.group(2) + "} has no value and no default");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
