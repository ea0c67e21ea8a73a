package dev.veer.common;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as Kubernetes users write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}. */
public final class GoDuration {

    private static final Pattern WHOLE = Pattern.compile("^([0-9]+(ms|s|m|h))+$");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private GoDuration() {
    }

    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("Not a duration: '" + text + "' (expected for example 30s, 5m, 1h30m)");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        }
        return total;
    }
}
