package dev.veer.gitsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemverRangeTest {

    private static final List<SemanticVersion> TAGS = List.of("v0.9.0", "v1.0.0", "v1.2.0", "v1.2.7", "v1.3.0",
            "v1.10.1", "v2.0.0", "v2.1.0-rc.1", "0.0.3", "0.2.5").stream()
            .map(t -> SemanticVersion.parse(t).orElseThrow()).toList();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "*                 | 2.0.0",
            ">=1.0.0 <2.0.0    | 1.10.1",
            "^1.2              | 1.10.1",
            "~1.2              | 1.2.7",
            "~1.2.0            | 1.2.7",
            "1.2.x             | 1.2.7",
            "1.x               | 1.10.1",
            "=1.2.0            | 1.2.0",
            "1.3.0             | 1.3.0",
            "<1.0.0            | 0.9.0",
            "^0.2              | 0.2.5",
            "^0.0.3            | 0.0.3",
            ">2.0.0            | ",
            "<=1.2             | 1.2.7",
            "> 1.2.7 < 1.10.0  | 1.3.0",
            "^3 || ~1.2        | 1.2.7" })
    void theHighestReleaseInRangeIsChosen(String range, String expected) {
        assertThat(SemverRange.parse(range).highest(TAGS).map(Object::toString).orElse(null)).isEqualTo(expected);
    }

    @Test
    void aPreReleaseIsNeverChosen() {
        assertThat(SemverRange.parse(">=2.0.0").contains(SemanticVersion.parse("v2.1.0-rc.1").orElseThrow()))
                .isFalse();
    }

    @Test
    void tagsThatAreNotVersionsAreNotVersions() {
        assertThat(SemanticVersion.parse("release-1")).isEmpty();
        assertThat(SemanticVersion.parse("v1.2")).isEmpty();
    }

    @Test
    void anUnreadableRangeNamesThePart() {
        assertThatThrownBy(() -> SemverRange.parse(">=1.0 banana")).hasMessageContaining("'banana'");
    }
}
