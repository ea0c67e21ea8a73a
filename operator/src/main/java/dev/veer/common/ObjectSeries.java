package dev.veer.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The metric series Veer exports about the objects of one kind (gauges, counters, timers), by object
 * ({@code namespace/name}), so that every series of an object goes when the object is deleted.
 *
 * <p>A metrics class registers each per-object meter through {@link #track}; {@link SeriesCleanup}, an event source of
 * the kind's controller, calls {@link #forget} on the delete event of the controller's own informer, which removes
 * them from the registry at once, and {@link #retainOnly} when it starts. A class that keeps its own handles to
 * meters (a gauge's value holder) drops them in an {@link #onForget} listener, so that a later object of the same name
 * registers afresh.
 *
 * <p>JOSDK's own per-resource series of the object go too (see {@link #namesObject}).
 *
 * <p>A pass that was running when its object was deleted may record once more after the delete: the object's name
 * stays deleted until an object of that name is created again ({@link #revive}), metrics classes record nothing for
 * it ({@link #isDeleted}), and a meter tracked for it anyway is removed at once. At most {@value #MAX_DELETED} such
 * names are remembered.
 */
public final class ObjectSeries {

    static final int MAX_DELETED = 10_000;

    private final MeterRegistry registry;
    private final String kind;
    private final Map<String, Set<Meter.Id>> meters = new LinkedHashMap<>();
    private final Map<String, Boolean> deleted = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_DELETED;
        }
    };
    private final List<BiConsumer<String, String>> listeners = new ArrayList<>();

    public ObjectSeries(MeterRegistry registry, String kind) {
        this.registry = registry;
        this.kind = kind;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The kind of the objects, for example {@code ServiceRollout}. */
    public String kind() {
        return kind;
    }

    /** Calls {@code listener} with namespace and name whenever an object's series are removed. */
    public synchronized void onForget(BiConsumer<String, String> listener) {
        listeners.add(listener);
    }

    /** Remembers {@code meter} as a series of the object; removes it at once if the object was deleted. */
    public <M extends Meter> M track(String namespace, String name, M meter) {
        String key = key(namespace, name);
        boolean gone;
        synchronized (this) {
            gone = deleted.containsKey(key);
            if (!gone) {
                meters.computeIfAbsent(key, k -> new HashSet<>()).add(meter.getId());
            }
        }
        if (gone) {
            registry.remove(meter);
        }
        return meter;
    }

    /** Whether the object was deleted (and not created again): a metrics class records nothing for it. */
    public synchronized boolean isDeleted(String namespace, String name) {
        return deleted.containsKey(key(namespace, name));
    }

    /** The object was deleted: removes every series it has. */
    public void forget(String namespace, String name) {
        remove(namespace, name, true);
    }

    private void remove(String namespace, String name, boolean isDeleted) {
        String key = key(namespace, name);
        Set<Meter.Id> ids;
        synchronized (this) {
            if (isDeleted) {
                deleted.put(key, Boolean.TRUE);
            }
            ids = meters.remove(key);
        }
        if (ids != null) {
            ids.forEach(registry::remove);
        }
        registry.getMeters().stream().filter(meter -> namesObject(meter.getId(), namespace, name))
                .forEach(registry::remove);
        notifyForgotten(namespace, name);
    }

    /** An object of this name exists (again): its series may be recorded. */
    public synchronized void revive(String namespace, String name) {
        deleted.remove(key(namespace, name));
    }

    /**
     * Removes the series of every object not in {@code existing} (namespace/name keys, see {@link #key}); an object
     * that shows up later records as usual.
     */
    public void retainOnly(Collection<String> existing) {
        Set<String> keep = new HashSet<>(existing);
        List<String> gone;
        synchronized (this) {
            gone = meters.keySet().stream().filter(k -> !keep.contains(k)).toList();
        }
        for (String key : gone) {
            int slash = key.indexOf('/');
            remove(key.substring(0, slash), key.substring(slash + 1), false);
        }
    }

    /** The objects that have series now, as namespace/name. */
    public synchronized Set<String> tracked() {
        return new HashSet<>(meters.keySet());
    }

    /**
     * JOSDK's per-resource series (tags {@code kind}, {@code namespace}, {@code name}, with or without the prefix
     * {@code resource.}): JOSDK removes its counters when it processes the delete, but not its reconcile timer
     * ({@code operator_sdk_controllers_execution_reconcile_seconds}), so Veer removes them all with its own.
     */
    private boolean namesObject(Meter.Id id, String namespace, String name) {
        return kind.equals(tag(id, "kind")) && namespace.equals(tag(id, "namespace")) && name.equals(tag(id, "name"));
    }

    private static String tag(Meter.Id id, String key) {
        String prefixed = id.getTag("resource." + key);
        return prefixed != null ? prefixed : id.getTag(key);
    }

    public static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private void notifyForgotten(String namespace, String name) {
        List<BiConsumer<String, String>> toCall;
        synchronized (this) {
            toCall = List.copyOf(listeners);
        }
        toCall.forEach(listener -> listener.accept(namespace, name));
    }
}
