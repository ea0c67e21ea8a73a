package dev.veer.rollout.traffic;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.veer.api.HeaderMatch;

/**
 * Header matches as routers handle them: built, checked, turned into a regular expression where a data plane has no
 * prefix match, and compared by meaning (header names are case-insensitive, the order of matches does not matter and
 * a prefix equals the regular expression that expresses it).
 */
public final class HeaderMatches {

    /** How a header match compares the header's value. */
    public enum Kind {
        EXACT, PREFIX, REGEX
    }

    private static final String REGEX_METACHARACTERS = "\\^$.|?*+()[]{}";

    private HeaderMatches() {
    }

    public static HeaderMatch exact(String name, String value) {
        HeaderMatch match = named(name);
        match.setExact(value);
        return match;
    }

    public static HeaderMatch prefix(String name, String value) {
        HeaderMatch match = named(name);
        match.setPrefix(value);
        return match;
    }

    public static HeaderMatch regex(String name, String value) {
        HeaderMatch match = named(name);
        match.setRegex(value);
        return match;
    }

    /**
     * A match read back from a data plane's regular expression: a prefix when the expression is one that
     * {@link #prefixAsRegex} writes, else the regular expression itself.
     */
    public static HeaderMatch fromRegex(String name, String regex) {
        return prefixOf(regex).map(prefix -> prefix(name, prefix)).orElseGet(() -> regex(name, regex));
    }

    /** The match's kind; throws {@link IllegalArgumentException} unless exactly one of exact, prefix, regex is set. */
    public static Kind kind(HeaderMatch match) {
        int set = (match.getExact() != null ? 1 : 0) + (match.getPrefix() != null ? 1 : 0)
                + (match.getRegex() != null ? 1 : 0);
        if (match.getName() == null || match.getName().isBlank() || set != 1) {
            throw new IllegalArgumentException(
                    "A header match needs a name and exactly one of exact, prefix or regex: " + match);
        }
        return match.getExact() != null ? Kind.EXACT : match.getPrefix() != null ? Kind.PREFIX : Kind.REGEX;
    }

    /** The value of whichever of exact, prefix or regex is set. */
    public static String value(HeaderMatch match) {
        return switch (kind(match)) {
            case EXACT -> match.getExact();
            case PREFIX -> match.getPrefix();
            case REGEX -> match.getRegex();
        };
    }

    /** {@code ^<prefix, its metacharacters escaped>.*}: for data planes without a prefix match. */
    public static String prefixAsRegex(String prefix) {
        return "^" + quote(prefix) + ".*";
    }

    /**
     * Checks every match and that no header name appears twice (data planes keep one condition per header name).
     *
     * @throws IllegalArgumentException naming the router when a match is malformed or a name repeats
     */
    public static void requireDistinctNames(List<HeaderMatch> matches, String router) {
        Set<String> names = new HashSet<>();
        for (HeaderMatch match : matches) {
            kind(match);
            if (!names.add(match.getName().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("The " + router + " router keeps one condition per header, but "
                        + "the header route matches " + match.getName() + " more than once: " + matches);
            }
        }
    }

    /** True when both lists route the same requests (see the class comment). */
    public static boolean equivalent(List<HeaderMatch> left, List<HeaderMatch> right) {
        return left.size() == right.size() && canonical(left).equals(canonical(right));
    }

    private static Set<Canonical> canonical(List<HeaderMatch> matches) {
        return matches.stream().map(Canonical::of).collect(Collectors.toSet());
    }

    private record Canonical(String name, Kind kind, String value) {
        static Canonical of(HeaderMatch match) {
            String name = match.getName() == null ? null : match.getName().toLowerCase(Locale.ROOT);
            if (match.getRegex() != null) {
                HeaderMatch read = fromRegex(match.getName(), match.getRegex());
                return new Canonical(name, HeaderMatches.kind(read), HeaderMatches.value(read));
            }
            return new Canonical(name, HeaderMatches.kind(match), HeaderMatches.value(match));
        }
    }

    private static HeaderMatch named(String name) {
        HeaderMatch match = new HeaderMatch();
        match.setName(name);
        return match;
    }

    private static String quote(String literal) {
        StringBuilder quoted = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if (REGEX_METACHARACTERS.indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }

    /** The literal prefix of {@code ^<quoted literal>.*}, or empty for any other expression. */
    private static Optional<String> prefixOf(String regex) {
        if (!regex.startsWith("^") || !regex.endsWith(".*") || regex.length() < 3) {
            return Optional.empty();
        }
        String body = regex.substring(1, regex.length() - 2);
        StringBuilder literal = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                if (i + 1 == body.length() || REGEX_METACHARACTERS.indexOf(body.charAt(i + 1)) < 0) {
                    return Optional.empty();
                }
                literal.append(body.charAt(++i));
            } else if (REGEX_METACHARACTERS.indexOf(c) >= 0) {
                return Optional.empty();
            } else {
                literal.append(c);
            }
        }
        return Optional.of(literal.toString());
    }
}
