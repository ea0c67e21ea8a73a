package dev.veer.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public class HeaderRouteStep {

    @JsonPropertyDescription("Header matches, all of which a request must meet to go to the new version. An empty "
            + "list removes the header route.")
    private List<HeaderMatch> match;

    public List<HeaderMatch> getMatch() {
        return match;
    }

    public void setMatch(List<HeaderMatch> match) {
        this.match = match;
    }
}
