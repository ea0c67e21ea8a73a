package dev.veer.testing.servers;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Last line of defence against leaked servers: SIGKILLs, when the JVM exits, every process group that was started
 * but not stopped (a crashed run, a test JVM stopped early). Normal runs stop their servers themselves.
 */
final class OrphanGuard {

    private static final Set<ProcessGroup> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OrphanGuard::killAll, "veer-test-server-orphan-guard"));
    }

    private OrphanGuard() {
    }

    static void watch(ProcessGroup group) {
        RUNNING.add(group);
    }

    static void release(ProcessGroup group) {
        RUNNING.remove(group);
    }

    private static void killAll() {
        RUNNING.forEach(group -> group.signal("KILL"));
    }
}
