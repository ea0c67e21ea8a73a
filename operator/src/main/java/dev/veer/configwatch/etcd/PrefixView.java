package dev.veer.configwatch.etcd;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the operator knows of a prefix at one moment, without asking etcd: the keys (without the prefix) and values as
 * of {@code revision}, the state of the watch, and when recent changes arrived (for debouncing).
 *
 * @param listed whether the prefix was ever listed; if not, {@code entries} is empty and means nothing
 * @param revision the etcd revision the entries are at
 * @param changes the latest changes seen by the watch, oldest first, at most {@link #MAX_CHANGES}
 */
public record PrefixView(SourceStatus status, boolean listed, long revision, SortedMap<String, byte[]> entries,
        List<Change> changes) {

    public static final int MAX_CHANGES = 1024;

    /** A change of the prefix that the watch delivered (or a list found) at {@code at}. */
    public record Change(long revision, Instant at) {
    }

    public PrefixView {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        changes = List.copyOf(changes);
    }

    /** When the first change after {@code revision} arrived, if the watch saw it. */
    public Optional<Instant> firstChangeAfter(long appliedRevision) {
        return changes.stream().filter(c -> c.revision() > appliedRevision).map(Change::at).findFirst();
    }

    /** When the latest change arrived, if the watch saw it. */
    public Optional<Instant> lastChange() {
        return changes.isEmpty() ? Optional.empty() : Optional.of(changes.get(changes.size() - 1).at());
    }
}
