package dev.veer.cli;

/**
 * Colour for a terminal, plain text otherwise (a pipe, a file, {@code NO_COLOR}, {@code --color=never}). The text is
 * the same either way: only ANSI escapes are added around it.
 */
final class Style {

    static final Style PLAIN = new Style(false);
    static final Style COLOUR = new Style(true);

    private final boolean colour;

    private Style(boolean colour) {
        this.colour = colour;
    }

    static Style choose(String mode) {
        return switch (mode) {
            case "always" -> COLOUR;
            case "never" -> PLAIN;
            default -> System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM")) ? COLOUR : PLAIN;
        };
    }

    boolean coloured() {
        return colour;
    }

    String bold(String text) {
        return wrap("1", text);
    }

    String dim(String text) {
        return wrap("2", text);
    }

    /** A phase, verdict or condition coloured by what it means: green good, yellow waiting, red bad. */
    String state(String text) {
        return switch (text) {
            case "Healthy", "Promoted", "Successful", "True", "Ready", "Normal" -> wrap("32", text);
            case "Paused", "Progressing", "Running", "Pending", "Inconclusive", "Unknown" -> wrap("33", text);
            case "Degraded", "Failed", "Error", "RolledBack", "False", "Warning" -> wrap("31", text);
            default -> text;
        };
    }

    String good(String text) {
        return wrap("32", text);
    }

    private String wrap(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
