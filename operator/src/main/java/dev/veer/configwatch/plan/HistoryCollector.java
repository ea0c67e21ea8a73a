package dev.veer.configwatch.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Chooses the versioned objects to delete: all but the {@code historyLimit} newest (by revision), the current one
 * always kept, and never one that a consumer's current pod template refers to (by the config-hash annotation, a
 * volume, {@code envFrom} or an {@code env} reference).
 */
public final class HistoryCollector {

    private HistoryCollector() {
    }

    public static List<String> toDelete(List<VersionedObject> versions, String currentName, Set<String> referenced,
            int historyLimit) {
        List<VersionedObject> newestFirst = new ArrayList<>(versions);
        newestFirst.sort(Comparator.comparingInt(VersionedObject::revision).reversed()
                .thenComparing(VersionedObject::name));
        List<String> delete = new ArrayList<>();
        int kept = newestFirst.stream().anyMatch(v -> v.name().equals(currentName)) ? 1 : 0;
        for (VersionedObject version : newestFirst) {
            if (version.name().equals(currentName)) {
                continue;
            }
            if (kept < historyLimit) {
                kept++;
            } else if (!referenced.contains(version.name())) {
                delete.add(version.name());
            }
        }
        return delete;
    }
}
