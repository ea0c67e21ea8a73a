package dev.veer.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Configuration held outside the cluster, materialised into a ConfigMap or Secret. Filled in by the ConfigWatch issue. */
@Group(VeerApi.GROUP)
@Version(VeerApi.VERSION)
@ShortNames("cw")
public class ConfigWatch extends CustomResource<ConfigWatchSpec, ConfigWatchStatus> implements Namespaced {
}
