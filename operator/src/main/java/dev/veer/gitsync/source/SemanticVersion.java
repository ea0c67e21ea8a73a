package dev.veer.gitsync.source;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A release version read from a tag: {@code v1.4.2} or {@code 1.4.2}, with an optional pre-release and build. */
public record SemanticVersion(int major, int minor, int patch, String preRelease) implements Comparable<SemanticVersion> {

    private static final Pattern VERSION = Pattern.compile(
            "^v?(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?$");
    private static final Comparator<SemanticVersion> ORDER = Comparator.comparingInt(SemanticVersion::major)
            .thenComparingInt(SemanticVersion::minor).thenComparingInt(SemanticVersion::patch)
            // A release is above its pre-releases.
            .thenComparing(v -> v.preRelease() == null ? "\uffff" : v.preRelease());

    /** The version a tag names, if it names one. */
    public static Optional<SemanticVersion> parse(String tag) {
        Matcher m = VERSION.matcher(tag);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemanticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4)));
    }

    public boolean isPreRelease() {
        return preRelease != null;
    }

    @Override
    public int compareTo(SemanticVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease);
    }
}
