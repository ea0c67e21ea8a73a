package dev.veer.configwatch.etcd;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The prefix watches of the operator: one per distinct {@link WatchKey}, shared by every subscriber that needs it and
 * closed when the last one leaves. A subscriber (a ConfigWatch) is told, through {@code notify}, whenever the data
 * or the state of its watch changes, and then reads the watch's {@link PrefixView}.
 *
 * @param <S> how subscribers are identified
 */
public final class EtcdWatches<S> implements AutoCloseable {

    private final Clock clock;
    private final Consumer<S> notify;
    private final Map<WatchKey, PrefixWatch> watches = new HashMap<>();
    private final Map<WatchKey, Set<S>> subscribers = new HashMap<>();
    private final Map<S, WatchKey> subscriptions = new HashMap<>();

    public EtcdWatches(Clock clock, Consumer<S> notify) {
        this.clock = clock;
        this.notify = notify;
    }

    /**
     * Subscribes {@code subscriber} to the watch of {@code key} (starting it if none runs), leaving the watch it had
     * before, and returns what is known of the prefix now.
     */
    public synchronized PrefixView subscribe(S subscriber, WatchKey key) {
        WatchKey previous = subscriptions.get(subscriber);
        if (previous != null && !previous.equals(key)) {
            unsubscribe(subscriber);
        }
        PrefixWatch watch = watches.computeIfAbsent(key, k -> new PrefixWatch(k, clock, () -> changed(k)));
        subscribers.computeIfAbsent(key, k -> new HashSet<>()).add(subscriber);
        subscriptions.put(subscriber, key);
        return watch.view();
    }

    /** Leaves the subscriber's watch, closing it if no one else needs it. */
    public synchronized void unsubscribe(S subscriber) {
        WatchKey key = subscriptions.remove(subscriber);
        if (key == null) {
            return;
        }
        Set<S> remaining = subscribers.get(key);
        remaining.remove(subscriber);
        if (remaining.isEmpty()) {
            subscribers.remove(key);
            watches.remove(key).close();
        }
    }

    /** The keys of the watches running now (for tests and metrics). */
    public synchronized Set<WatchKey> openWatches() {
        return Set.copyOf(watches.keySet());
    }

    public synchronized Optional<PrefixView> view(S subscriber) {
        return Optional.ofNullable(subscriptions.get(subscriber)).map(watches::get).map(PrefixWatch::view);
    }

    @Override
    public synchronized void close() {
        watches.values().forEach(PrefixWatch::close);
        watches.clear();
        subscribers.clear();
        subscriptions.clear();
    }

    private void changed(WatchKey key) {
        List<S> toNotify;
        synchronized (this) {
            toNotify = List.copyOf(subscribers.getOrDefault(key, Set.of()));
        }
        toNotify.forEach(notify);
    }
}
