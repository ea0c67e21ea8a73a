package dev.veer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden text files under {@code src/test/resources/golden/}. A missing or different file fails the test and the
 * actual text is written to {@code target/golden-actual/}; {@code -Dveer.golden.update=true} rewrites the expected
 * file instead (review the diff before committing).
 */
final class GoldenText {

    private static final Path EXPECTED = Path.of("src", "test", "resources", "golden");
    private static final Path ACTUAL = Path.of("target", "golden-actual");

    private GoldenText() {
    }

    static void assertMatches(String file, String actual) {
        try {
            Path expected = EXPECTED.resolve(file);
            if (Boolean.getBoolean("veer.golden.update")) {
                Files.createDirectories(expected.getParent());
                Files.writeString(expected, actual);
                return;
            }
            if (!Files.exists(expected) || !Files.readString(expected).equals(actual)) {
                Path written = ACTUAL.resolve(file);
                Files.createDirectories(written.getParent());
                Files.writeString(written, actual);
            }
            assertThat(expected).as("golden file %s (actual output in %s)", expected, ACTUAL.resolve(file)).exists();
            assertThat(actual).as("output against golden file %s", expected).isEqualTo(Files.readString(expected));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
