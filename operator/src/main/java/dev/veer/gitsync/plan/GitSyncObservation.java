package dev.veer.gitsync.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a GitSync pass observed.
 *
 * @param source the fetched commit and its manifests, or why there is none
 * @param notReadyDependencies the GitSyncs of spec.dependsOn that are not Ready, described
 * @param answers the dry-run answer for each manifest, by {@link Manifest#key()} (empty until asked)
 * @param inventory the objects of status.inventory that left the repository, by key: present when they still exist
 * @param autoRolledBack keys of ServiceRollouts of the commit that were rolled back automatically
 * @param unhealthy with spec.wait, applied objects that are not healthy yet, by key, with why
 * @param now the time of the pass
 */
public record GitSyncObservation(SourceState source, List<String> notReadyDependencies,
        Map<String, DryRunAnswer> answers, Map<String, Optional<LiveObject>> inventory, Set<String> autoRolledBack,
        Map<String, String> unhealthy, Instant now) {
}
