package dev.veer.configwatch.plan;

import java.util.List;
import java.util.Optional;

import dev.veer.configwatch.etcd.PrefixView;
import dev.veer.configwatch.model.VersionNames;

/**
 * What one pass of a ConfigWatch sees: the prefix as the watch holds it (empty while suspended or without usable
 * credentials), why the credentials are unusable, the versioned objects, the hash the stable object holds, the
 * consumers, the snapshots of its versions with the verdicts of the rollouts that used them, and how versions of the
 * target's kind are named (keyed for a Secret).
 */
public record Observed(Optional<PrefixView> source, Optional<String> credentialsProblem,
        List<VersionedObject> versions, Optional<String> stableHash, List<ConsumerObservation> consumers,
        ConfigHistory history, VersionNames names) {

    /** With plain content hashes (a ConfigMap target). */
    public Observed(Optional<PrefixView> source, Optional<String> credentialsProblem,
            List<VersionedObject> versions, Optional<String> stableHash, List<ConsumerObservation> consumers,
            ConfigHistory history) {
        this(source, credentialsProblem, versions, stableHash, consumers, history, VersionNames.plain());
    }

    /** Without snapshots. */
    public Observed(Optional<PrefixView> source, Optional<String> credentialsProblem,
            List<VersionedObject> versions, Optional<String> stableHash, List<ConsumerObservation> consumers) {
        this(source, credentialsProblem, versions, stableHash, consumers, ConfigHistory.empty());
    }
}
