package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** One of the two Deployments a rollout runs: the stable version in one, a new version in the other. */
public enum Slot {
    BLUE("blue"),
    GREEN("green");

    private final String label;

    Slot(String label) {
        this.label = label;
    }

    /** The slot's name as it appears in labels, object names and status. */
    @JsonValue
    public String label() {
        return label;
    }

    public Slot other() {
        return this == BLUE ? GREEN : BLUE;
    }
}
