package dev.veer.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An immutable, numbered record of one version of a rollout (its pod template) or of a watched configuration (its
 * data). List a rollout's history with {@code kubectl get snap -l veer.dev/owner=NAME}.
 */
@Group(VeerApi.GROUP)
@Version(VeerApi.VERSION)
@ShortNames("snap")
@AdditionalPrinterColumn(name = "Owner", jsonPath = ".spec.ownerName")
@AdditionalPrinterColumn(name = "Revision", jsonPath = ".spec.revision", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Image", jsonPath = ".spec.template.spec.containers[0].image")
@AdditionalPrinterColumn(name = "Verdict", jsonPath = ".status.verdict")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Snapshot extends CustomResource<SnapshotSpec, SnapshotStatus> implements Namespaced {
}
