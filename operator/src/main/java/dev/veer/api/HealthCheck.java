package dev.veer.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A reusable set of health metrics that judges a rollout. The analysis issue fills in its spec. */
@Group(VeerApi.GROUP)
@Version(VeerApi.VERSION)
@ShortNames("hc")
public class HealthCheck extends CustomResource<HealthCheckSpec, Void> implements Namespaced {
}
