package dev.veer.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An immutable, numbered record of one version of a rollout or a watched configuration. Filled in by the snapshot issue. */
@Group(VeerApi.GROUP)
@Version(VeerApi.VERSION)
@ShortNames("snap")
public class Snapshot extends CustomResource<SnapshotSpec, SnapshotStatus> implements Namespaced {
}
