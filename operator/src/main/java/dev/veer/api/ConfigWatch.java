package dev.veer.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Configuration held in etcd, materialised into a ConfigMap or Secret: one immutable, content-named object per
 * distinct content plus a stable-named one with the current content, and the consumers rolled when it changes.
 */
@Group(VeerApi.GROUP)
@Version(VeerApi.VERSION)
@ShortNames("cw")
@AdditionalPrinterColumn(name = "Prefix", jsonPath = ".spec.source.etcd.prefix")
@AdditionalPrinterColumn(name = "Keys", jsonPath = ".status.keyCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Revision", jsonPath = ".status.revision", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ConfigWatch extends CustomResource<ConfigWatchSpec, ConfigWatchStatus> implements Namespaced {
}
