package dev.veer.rollout.traffic;

import static dev.veer.rollout.traffic.HeaderMatches.exact;
import static dev.veer.rollout.traffic.HeaderMatches.prefix;
import static dev.veer.rollout.traffic.HeaderMatches.regex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.veer.api.HeaderMatch;

class HeaderMatchesTest {

    @ParameterizedTest(name = "prefix ''{0}'' is written as ''{1}''")
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
            "2.1.    => ^2\\.1\\..*",
            "beta    => ^beta.*",
            "a+b(c)  => ^a\\+b\\(c\\).*",
            "[x]|{y} => ^\\[x\\]\\|\\{y\\}.*",
            "\\$^    => ^\\\\\\$\\^.*",
    })
    void prefixIsWrittenAsAnAnchoredRegexWithItsMetacharactersEscaped(String prefix, String regex) {
        assertThat(HeaderMatches.prefixAsRegex(prefix)).isEqualTo(regex);
        assertThat(Pattern.matches(regex, prefix + "anything")).isTrue();
        assertThat(HeaderMatches.fromRegex("X-Version", regex)).isEqualTo(prefix("X-Version", prefix));
    }

    @ParameterizedTest(name = "''{0}'' is not a prefix")
    @ValueSource(strings = {"^2.1.*", "2\\.1.*", "^2\\.1", "^(a|b).*", "^a\\d.*", "^a\\.*"})
    void regexThatIsNotAQuotedPrefixIsReadBackAsARegex(String regex) {
        assertThat(HeaderMatches.fromRegex("X-Version", regex)).isEqualTo(regex("X-Version", regex));
    }

    @Test
    void equivalenceIgnoresHeaderNameCaseAndMatchOrder() {
        List<HeaderMatch> asked = List.of(exact("X-Canary", "yes"), prefix("X-Version", "2."));
        List<HeaderMatch> read = List.of(prefix("x-version", "2."), exact("x-canary", "yes"));

        assertThat(HeaderMatches.equivalent(asked, read)).isTrue();
    }

    @Test
    void prefixIsEquivalentToTheRegexThatExpressesIt() {
        assertThat(HeaderMatches.equivalent(List.of(prefix("X-Version", "2.")),
                List.of(regex("X-Version", "^2\\..*")))).isTrue();
    }

    @Test
    void differentValuesOrKindsAreNotEquivalent() {
        assertThat(HeaderMatches.equivalent(List.of(exact("X-Canary", "yes")), List.of(exact("X-Canary", "no"))))
                .isFalse();
        assertThat(HeaderMatches.equivalent(List.of(exact("X-Canary", "yes")), List.of(prefix("X-Canary", "yes"))))
                .isFalse();
        assertThat(HeaderMatches.equivalent(List.of(exact("X-Canary", "yes")), List.of())).isFalse();
    }

    @Test
    void routeStateCarriesAHeaderRouteReadBackInAnotherForm() {
        RouteState read = RouteState.of(30, List.of(regex("x-version", "^2\\..*")));

        assertThat(read.carries(30, List.of(prefix("X-Version", "2.")))).isTrue();
        assertThat(read.carries(40, List.of(prefix("X-Version", "2.")))).isFalse();
    }

    @Test
    void matchWithoutAValueIsRejected() {
        HeaderMatch empty = new HeaderMatch();
        empty.setName("X-Canary");

        assertThatThrownBy(() -> HeaderMatches.kind(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one of exact, prefix or regex");
    }

    @Test
    void matchWithTwoValuesIsRejected() {
        HeaderMatch both = exact("X-Canary", "yes");
        both.setPrefix("y");

        assertThatThrownBy(() -> HeaderMatches.kind(both)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerNamedTwiceIsRejectedNamingTheRouter() {
        List<HeaderMatch> twice = List.of(exact("X-Canary", "yes"), prefix("x-canary", "y"));

        assertThatThrownBy(() -> HeaderMatches.requireDistinctNames(twice, "istio"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("istio").hasMessageContaining("more than once");
    }
}
