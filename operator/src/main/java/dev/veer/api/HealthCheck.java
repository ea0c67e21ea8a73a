package dev.veer.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A reusable set of health metrics that judges a rollout: each metric is a query to a metrics provider and the
 * conditions its result must meet. A ServiceRollout refers to it by name from an analysis block
 * ({@link AnalysisSpec#getTemplates()}); the HealthCheck must live in the rollout's namespace. Its status says only
 * whether it is valid; the results of each analysis run are in the status of the rollout that ran it.
 */
@Group(VeerApi.GROUP)
@Version(VeerApi.VERSION)
@ShortNames("hc")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class HealthCheck extends CustomResource<HealthCheckSpec, HealthCheckStatus> implements Namespaced {
}
