package dev.veer.gitsync.plan;

import java.util.List;

import dev.veer.api.GitSyncError;
import dev.veer.gitsync.plan.GitSyncConditions.Reason;

/**
 * The manifests of a commit in apply order, or why it cannot be applied (then nothing is): the errors and their
 * reason (InvalidManifests or SubstitutionFailed).
 */
public record Rendered(List<Manifest> manifests, List<GitSyncError> errors, Reason reason) {

    public boolean valid() {
        return errors.isEmpty();
    }
}
