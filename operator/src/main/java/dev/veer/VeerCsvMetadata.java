package dev.veer;

import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.quarkiverse.operatorsdk.annotations.SharedCSVMetadata;

/** Metadata of the OLM ClusterServiceVersion for the whole Veer bundle. */
@CSVMetadata(
        bundleName = "veer",
        displayName = "Veer",
        description = "Veer is a GitOps progressive-delivery operator. A ServiceRollout moves a service to a new "
                + "version by canary steps or blue-green promotion, shifting traffic through the Service selector, "
                + "Gateway API, NGINX Ingress or Istio; Prometheus health checks judge every step and a failed "
                + "rollout is rolled back automatically. Every version is an immutable, numbered Snapshot, and "
                + "ConfigWatch delivers configuration from etcd the same way.",
        provider = @CSVMetadata.Provider(name = "Veer project", url = "https://veer.dev"),
        keywords = { "gitops", "progressive delivery", "canary", "blue-green", "rollback", "configuration" },
        maturity = "alpha",
        annotations = @CSVMetadata.Annotations(
                capabilities = "Auto Pilot",
                categories = "Application Runtime, Developer Tools"),
        installModes = {
                @CSVMetadata.InstallMode(type = "OwnNamespace", supported = true),
                @CSVMetadata.InstallMode(type = "SingleNamespace", supported = true),
                @CSVMetadata.InstallMode(type = "MultiNamespace", supported = false),
                @CSVMetadata.InstallMode(type = "AllNamespaces", supported = true) })
public class VeerCsvMetadata implements SharedCSVMetadata {
}
