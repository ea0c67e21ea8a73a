package dev.veer.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A path of a Git repository applied to the cluster: every manifest under it applied with server-side apply (field
 * manager veer-gitsync) after a server-side dry-run of all of them, what left the repository pruned, drift reported
 * and corrected, each object annotated with the commit it came from.
 */
@Group(VeerApi.GROUP)
@Version(VeerApi.VERSION)
@ShortNames("gs")
@AdditionalPrinterColumn(name = "URL", jsonPath = ".spec.repository.url")
@AdditionalPrinterColumn(name = "Path", jsonPath = ".spec.path", priority = 1)
@AdditionalPrinterColumn(name = "Commit", jsonPath = ".status.lastAppliedCommit")
@AdditionalPrinterColumn(name = "Objects", jsonPath = ".status.objectCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class GitSync extends CustomResource<GitSyncSpec, GitSyncStatus> implements Namespaced {
}
