package dev.veer.gitsync.plan;

import java.util.Map;

/** What the planner needs to know of an object of the inventory in the cluster: its annotations. */
public record LiveObject(Map<String, String> annotations) {

    public String annotation(String name) {
        return annotations == null ? null : annotations.get(name);
    }
}
