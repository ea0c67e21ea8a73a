package dev.veer;

import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.quarkiverse.operatorsdk.annotations.SharedCSVMetadata;

/**
 * Metadata of the OLM ClusterServiceVersion for the whole Veer bundle. What cannot be a constant here is added after
 * the bundle generator by {@code dev.veer.shipping.CsvFinisher} (test sources, run at package): alm-examples from
 * {@code samples/}, spec and status descriptors from the CRD schemas, containerImage and relatedImages from the
 * Deployment's image. {@code BundleValidationTest} checks the result against the operator-framework validators' rules.
 */
@CSVMetadata(
        bundleName = "veer",
        displayName = "Veer",
        description = "Veer is a GitOps progressive-delivery operator. A ServiceRollout moves a service to a new "
                + "version by canary steps or blue-green promotion, shifting traffic through the Service selector, "
                + "Gateway API, NGINX Ingress or Istio; Prometheus health checks judge every step and a failed "
                + "rollout is rolled back automatically. Every version is an immutable, numbered Snapshot, and "
                + "ConfigWatch delivers configuration from etcd the same way.",
        provider = @CSVMetadata.Provider(name = "Veer project", url = "https://veer.dev"),
        maintainers = @CSVMetadata.Maintainer(name = "Veer maintainers", email = "maintainers@veer.dev"),
        links = {
                @CSVMetadata.Link(name = "Source", url = "https://github.com/veer-dev/veer"),
                @CSVMetadata.Link(name = "Documentation", url = "https://github.com/veer-dev/veer#readme") },
        keywords = { "gitops", "progressive delivery", "canary", "blue-green", "rollback", "configuration" },
        maturity = "alpha",
        // CRD validation rules (CEL, x-kubernetes-validations) are generally available from Kubernetes 1.29.
        minKubeVersion = "1.29.0",
        icon = @CSVMetadata.Icon(fileName = "veer.icon.svg", mediatype = "image/svg+xml"),
        annotations = @CSVMetadata.Annotations(
                // Basic Install: Veer installs and runs itself; upgrades between bundle versions are not yet tested.
                capabilities = "Basic Install",
                // OperatorHub splits this list on ',' without trimming: no space after a comma.
                categories = "Integration & Delivery",
                repository = "https://github.com/veer-dev/veer",
                others = {
                        @CSVMetadata.Annotations.Annotation(name = "support", value = "Veer project"),
                        @CSVMetadata.Annotations.Annotation(name = "description",
                                value = "Progressive delivery (canary, blue-green, automatic rollback) and "
                                        + "configuration delivery from etcd, judged by Prometheus"),
                        // Snapshots are records Veer writes; the console need not offer to create them.
                        @CSVMetadata.Annotations.Annotation(name = "operators.operatorframework.io/internal-objects",
                                value = "[\"snapshots.veer.dev\"]") }),
        installModes = {
                @CSVMetadata.InstallMode(type = "OwnNamespace", supported = true),
                @CSVMetadata.InstallMode(type = "SingleNamespace", supported = true),
                @CSVMetadata.InstallMode(type = "MultiNamespace", supported = false),
                @CSVMetadata.InstallMode(type = "AllNamespaces", supported = true) })
public class VeerCsvMetadata implements SharedCSVMetadata {
}
