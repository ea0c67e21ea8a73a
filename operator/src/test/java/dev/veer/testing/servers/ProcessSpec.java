package dev.veer.testing.servers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@link ManagedProcess} starts: the command (binary first), where its output goes, how to tell it is ready and
 * how long to wait for it to start and to stop. Immutable, so a server can start the same process again.
 *
 * @param name short name used in messages, e.g. {@code etcd}
 * @param command the binary and its arguments, without {@code setsid}
 * @param logFile file that receives stdout and stderr (appended to)
 * @param readiness polled until the process is ready
 * @param startupTimeout how long to wait for readiness
 * @param stopGracePeriod how long to wait after SIGTERM before SIGKILL
 * @param environment adjusts the environment inherited from the test JVM
 */
public record ProcessSpec(String name, List<String> command, Path logFile, ReadinessCheck readiness,
        Duration startupTimeout, Duration stopGracePeriod, Consumer<Map<String, String>> environment) {

    public ProcessSpec {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a binary");
        }
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(stopGracePeriod, "stopGracePeriod");
        Objects.requireNonNull(environment, "environment");
    }

    /** A spec with a 30 s startup timeout, a 10 s stop grace period and the environment left as it is. */
    public static ProcessSpec of(String name, List<String> command, Path logFile, ReadinessCheck readiness) {
        return new ProcessSpec(name, command, logFile, readiness, Duration.ofSeconds(30), Duration.ofSeconds(10),
                environment -> {
                });
    }

    public ProcessSpec withStartupTimeout(Duration timeout) {
        return new ProcessSpec(name, command, logFile, readiness, timeout, stopGracePeriod, environment);
    }

    public ProcessSpec withStopGracePeriod(Duration gracePeriod) {
        return new ProcessSpec(name, command, logFile, readiness, startupTimeout, gracePeriod, environment);
    }

    public ProcessSpec withEnvironment(Consumer<Map<String, String>> adjustment) {
        return new ProcessSpec(name, command, logFile, readiness, startupTimeout, stopGracePeriod, adjustment);
    }
}
