package dev.veer.gitsync.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.veer.api.GitSyncObject;

/**
 * One object of a commit, ready to apply: where it came from (file, document index from 0), what it is, and its body
 * with namespace, ownership annotation and commit annotation set.
 */
public record Manifest(String file, int document, GitSyncObject id, ObjectNode body) {

    public String key() {
        return id.key();
    }

    public String annotation(String name) {
        return body.path("metadata").path("annotations").path(name).asText(null);
    }

    public boolean isDefinition() {
        return ApplyOrder.rank(id) < ApplyOrder.OTHER;
    }
}
