package dev.veer.configwatch;

import java.time.Clock;
import java.util.Set;

import dev.veer.api.ConfigWatch;
import dev.veer.configwatch.etcd.EtcdWatches;
import dev.veer.configwatch.etcd.PrefixView;
import dev.veer.configwatch.etcd.WatchKey;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;

/**
 * Triggers a ConfigWatch's reconcile whenever the etcd prefix it watches changes (data or reachability), and holds
 * the prefixes in memory so that a reconcile reads them without asking etcd. A ConfigWatch subscribes in each pass
 * ({@link #subscribe}); a deleted or suspended one leaves, and a watch no one needs any more is closed.
 */
public class EtcdEventSource extends AbstractEventSource<Void, ConfigWatch> implements ResourceEventAware<ConfigWatch> {

    public static final String NAME = "etcd";

    private final EtcdWatches<ResourceID> watches;

    public EtcdEventSource(Clock clock) {
        super(Void.class, NAME);
        this.watches = new EtcdWatches<>(clock, this::trigger);
    }

    /** Subscribes the ConfigWatch to the watch of {@code key} and returns what is known of the prefix now. */
    public PrefixView subscribe(ConfigWatch watch, WatchKey key) {
        return watches.subscribe(ResourceID.fromResource(watch), key);
    }

    public void unsubscribe(ConfigWatch watch) {
        watches.unsubscribe(ResourceID.fromResource(watch));
    }

    /** The keys of the watches open now. */
    public Set<WatchKey> openWatches() {
        return watches.openWatches();
    }

    @Override
    public void onResourceDeleted(ConfigWatch watch) {
        unsubscribe(watch);
    }

    @Override
    public Set<Void> getSecondaryResources(ConfigWatch primary) {
        return Set.of();
    }

    @Override
    public void stop() {
        watches.close();
        super.stop();
    }

    private void trigger(ResourceID id) {
        if (isRunning()) {
            getEventHandler().handleEvent(new Event(id));
        }
    }
}
