package dev.veer.gitsync.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of release versions, as written in {@code spec.repository.ref.semver}: comparators {@code = > >= < <=},
 * {@code ~1.2} (same minor), {@code ^1.2} (same major; same minor below 1.0), wildcards {@code 1.x} / {@code 1.2.*},
 * a comparator list joined by spaces (all must hold) and alternatives joined by {@code ||}. Pre-releases never match.
 */
public final class SemverRange {

    private static final Pattern COMPARATOR = Pattern.compile(
            "^(>=|<=|>|<|=|~|\\^)?v?(\\d+|[xX*])(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?$");

    private final String text;
    private final List<List<Predicate<SemanticVersion>>> alternatives;

    private SemverRange(String text, List<List<Predicate<SemanticVersion>>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /** Parses a range; throws IllegalArgumentException naming the part it cannot read. */
    public static SemverRange parse(String text) {
        List<List<Predicate<SemanticVersion>>> alternatives = new ArrayList<>();
        for (String alternative : text.split("\\|\\|")) {
            List<Predicate<SemanticVersion>> all = new ArrayList<>();
            // "> 1.2" is written with a space now and then: join an operator to its version.
            String[] parts = alternative.trim().replaceAll("(>=|<=|>|<|=|~|\\^)\\s+", "$1").split("\\s+");
            for (String part : parts) {
                if (!part.isEmpty()) {
                    all.add(comparator(part, text));
                }
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException("semver range '" + text + "' has an empty alternative");
            }
            alternatives.add(all);
        }
        return new SemverRange(text, alternatives);
    }

    /** Whether a release version is in the range (a pre-release never is). */
    public boolean contains(SemanticVersion version) {
        if (version.isPreRelease()) {
            return false;
        }
        return alternatives.stream().anyMatch(all -> all.stream().allMatch(p -> p.test(version)));
    }

    /** The highest version in the range, if any. */
    public Optional<SemanticVersion> highest(Collection<SemanticVersion> versions) {
        return versions.stream().filter(this::contains).max(SemanticVersion::compareTo);
    }

    @Override
    public String toString() {
        return text;
    }

    private static Predicate<SemanticVersion> comparator(String part, String text) {
        Matcher m = COMPARATOR.matcher(part);
        if (!m.matches()) {
            throw new IllegalArgumentException("semver range '" + text + "': cannot read '" + part + "'");
        }
        String op = m.group(1) == null ? "=" : m.group(1);
        Integer major = number(m.group(2));
        Integer minor = number(m.group(3));
        Integer patch = number(m.group(4));
        if (major == null) {
            return v -> true;
        }
        SemanticVersion low = new SemanticVersion(major, minor == null ? 0 : minor, patch == null ? 0 : patch, null);
        // The first version above what the partial version covers: 1.2 covers 1.2.0 up to (not including) 1.3.0.
        SemanticVersion above = minor == null ? new SemanticVersion(major + 1, 0, 0, null)
                : patch == null ? new SemanticVersion(major, minor + 1, 0, null)
                : new SemanticVersion(major, minor, patch + 1, null);
        return switch (op) {
            case "=" -> v -> v.compareTo(low) >= 0 && v.compareTo(above) < 0;
            case ">" -> v -> v.compareTo(above) >= 0;
            case ">=" -> v -> v.compareTo(low) >= 0;
            case "<" -> v -> v.compareTo(low) < 0;
            case "<=" -> v -> v.compareTo(above) < 0;
            case "~" -> {
                SemanticVersion end = minor == null ? new SemanticVersion(major + 1, 0, 0, null)
                        : new SemanticVersion(major, minor + 1, 0, null);
                yield v -> v.compareTo(low) >= 0 && v.compareTo(end) < 0;
            }
            default -> {
                SemanticVersion end = major > 0 || minor == null ? new SemanticVersion(major + 1, 0, 0, null)
                        : minor > 0 || patch == null ? new SemanticVersion(0, minor + 1, 0, null)
                        : new SemanticVersion(0, 0, patch + 1, null);
                yield v -> v.compareTo(low) >= 0 && v.compareTo(end) < 0;
            }
        };
    }

    private static Integer number(String text) {
        return text == null || text.equalsIgnoreCase("x") || text.equals("*") ? null : Integer.valueOf(text);
    }
}
