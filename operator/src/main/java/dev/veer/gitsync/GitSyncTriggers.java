package dev.veer.gitsync;

import java.util.Set;

import jakarta.inject.Singleton;

import dev.veer.api.GitSync;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;

/**
 * Starts a GitSync's pass at once from outside the cluster's events: a webhook push. One instance, shared by the
 * reconciler (which registers it as an event source) and the webhook receivers (which trigger it).
 */
@Singleton
public class GitSyncTriggers extends AbstractEventSource<Void, GitSync> {

    public static final String NAME = "gitsync-triggers";

    public GitSyncTriggers() {
        super(Void.class, NAME);
    }

    /** Reconciles the GitSync now; false while the operator is not running (then the interval will). */
    public boolean trigger(String namespace, String name) {
        if (!isRunning()) {
            return false;
        }
        getEventHandler().handleEvent(new Event(new ResourceID(name, namespace)));
        return true;
    }

    @Override
    public Set<Void> getSecondaryResources(GitSync primary) {
        return Set.of();
    }
}
