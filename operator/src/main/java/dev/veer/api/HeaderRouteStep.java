package dev.veer.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

public class HeaderRouteStep {

    // The rule sits on the list, not on HeaderMatch, so that status.headerRoute (written by Veer alone) carries none.
    @Size(max = 16)
    @ValidationRule(value = "self.all(m, [has(m.exact), has(m.prefix), has(m.regex)].filter(x, x).size() == 1)",
            message = "a header match must set exactly one of exact, prefix or regex")
    @JsonPropertyDescription("Header matches, at most 16, all of which a request must meet to go to the new version. "
            + "An empty list removes the header route.")
    private List<HeaderMatch> match;

    public List<HeaderMatch> getMatch() {
        return match;
    }

    public void setMatch(List<HeaderMatch> match) {
        this.match = match;
    }
}
