package dev.veer.analysis;

/**
 * Lets conditions say {@code and} and {@code or} for CEL's {@code &&} and {@code ||}: replaces those words where they
 * stand as whole words outside string literals. {@code and} becomes {@code "&& "} so that every other character
 * keeps its column, and error positions still point into what the user wrote.
 */
final class KeywordOperators {

    private KeywordOperators() {
    }

    static String toCel(String expression) {
        StringBuilder out = new StringBuilder(expression.length());
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '"' || c == '\'') {
                int end = endOfString(expression, i);
                out.append(expression, i, end);
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < expression.length() && isIdentifierPart(expression.charAt(end))) {
                    end++;
                }
                String word = expression.substring(i, end);
                boolean selected = i > 0 && expression.charAt(i - 1) == '.';
                out.append(selected ? word : switch (word) {
                    case "and" -> "&& ";
                    case "or" -> "||";
                    default -> word;
                });
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Index just past the string literal opening at {@code start}, or the end of the text if it is not closed. */
    private static int endOfString(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
