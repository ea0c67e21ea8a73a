package dev.veer.analysis;

import static dev.veer.analysis.AnalysisFixtures.CHECKOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private final Placeholders placeholders = new Placeholders(CHECKOUT, Map.of("service", "checkout-canary",
            "window", "2m"));

    @Test
    void fillsTheRolloutNamespaceSlotRevisionAndArgs() throws Exception {
        assertThat(placeholders.fill("query",
                "up{rollout=\"{{rollout}}\",namespace=\"{{namespace}}\",slot=\"{{slot}}\",rev=\"{{revision}}\","
                        + "service=\"{{args.service}}\"}[{{args.window}}]"))
                .isEqualTo("up{rollout=\"checkout\",namespace=\"shop\",slot=\"green\",rev=\"3\","
                        + "service=\"checkout-canary\"}[2m]");
    }

    @Test
    void spacesInsideTheBracesAreAllowed() throws Exception {
        assertThat(placeholders.fill("query", "{{ rollout }}/{{  args.window}}")).isEqualTo("checkout/2m");
    }

    @Test
    void textWithoutPlaceholdersIsUnchangedIncludingPromQLBraces() throws Exception {
        String query = "sum(rate(x{a=~\"b{2}\"}[1m])) by (le)";
        assertThat(placeholders.fill("query", query)).isEqualTo(query);
    }

    @Test
    void valuesWithDollarSignsAndBackslashesAreInsertedLiterally() throws Exception {
        var withOddValue = new Placeholders(CHECKOUT, Map.of("re", "a$1\\d"));
        assertThat(withOddValue.fill("query", "x=~\"{{args.re}}\"")).isEqualTo("x=~\"a$1\\d\"");
    }

    @Test
    void unknownPlaceholderIsRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> placeholders.fill("metric error-rate: query", "up{pod=\"{{pod}}\"}"))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessage("metric error-rate: query uses the unknown placeholder {{pod}}: use {{rollout}}, "
                        + "{{namespace}}, {{slot}}, {{revision}} or {{args.NAME}}");
    }

    @Test
    void argWithoutValueIsRejectedNamingTheArg() {
        assertThatThrownBy(() -> placeholders.fill("metric m: query", "up{job=\"{{args.job}}\"}"))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessage("metric m: query uses {{args.job}}, but no arg job has a value: pass it in the analysis "
                        + "args");
    }
}
