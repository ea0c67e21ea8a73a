package dev.veer.testing.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A server binary running in its own process group for the duration of some tests.
 *
 * <p>The command is wrapped with {@code setsid}: the child the JVM forks is not a group leader, so {@code setsid}
 * calls setsid(2) and execs the binary in place, making pid == pgid (verified with {@code ps}). Output goes to the
 * spec's log file, never to the test JVM's stdout. {@link #start} returns once the readiness check passes and fails
 * with the tail of the log otherwise. {@link #stop()} sends SIGTERM to the whole group (children of the server
 * included), waits the grace period, then SIGKILLs the group.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final int LOG_TAIL_LINES = 40;
    private static final Duration GROUP_LEADER_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

    private final ProcessSpec spec;
    private final Process process;
    private final ProcessGroup group;
    private boolean stopped;

    private ManagedProcess(ProcessSpec spec, Process process, ProcessGroup group) {
        this.spec = spec;
        this.process = process;
        this.group = group;
    }

    /** Starts the process and waits until it is ready; on failure nothing is left running. */
    public static ManagedProcess start(ProcessSpec spec) {
        Process process = launch(spec);
        ProcessGroup group;
        try {
            group = ProcessGroup.ledBy(process, GROUP_LEADER_TIMEOUT);
        } catch (RuntimeException e) {
            boolean exited = !process.isAlive();
            process.destroyForcibly();
            throw new IllegalStateException(failureMessage(spec, process,
                    exited ? "exited before it became ready" : "did not start: " + e.getMessage()), e);
        }
        OrphanGuard.watch(group);
        ManagedProcess managed = new ManagedProcess(spec, process, group);
        try {
            managed.awaitReady();
        } catch (RuntimeException e) {
            managed.stop();
            throw e;
        }
        return managed;
    }

    private static Process launch(ProcessSpec spec) {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.addAll(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        spec.environment().accept(builder.environment());
        try {
            Files.createDirectories(spec.logFile().getParent());
            Files.writeString(spec.logFile(), "--- " + Instant.now() + " veer test harness starts: "
                    + String.join(" ", spec.command()) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name() + ": " + command, e);
        }
    }

    private void awaitReady() {
        try {
            Awaitility.await(spec.name() + " readiness")
                    .atMost(spec.startupTimeout())
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .failFast(spec.name() + " exited before it became ready", () -> !process.isAlive())
                    .until(spec.readiness()::isReady);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(failureMessage(spec, process,
                    "did not become ready within " + spec.startupTimeout()), e);
        } catch (TerminalFailureException e) {
            throw new IllegalStateException(failureMessage(spec, process, "exited before it became ready"), e);
        }
    }

    private static String failureMessage(ProcessSpec spec, Process process, String what) {
        String exit = process.isAlive() ? "" : " (exit code " + exitCode(process) + ")";
        return spec.name() + " " + what + exit + "; command: " + String.join(" ", spec.command())
                + "\n--- last lines of " + spec.logFile() + " ---\n" + LogTail.of(spec.logFile(), LOG_TAIL_LINES);
    }

    private static String exitCode(Process process) {
        try {
            return Integer.toString(process.onExit().get().exitValue());
        } catch (Exception e) {
            return "unknown";
        }
    }

    public long pid() {
        return process.pid();
    }

    public long pgid() {
        return group.pgid();
    }

    /** Whether the server process itself is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the whole process group: SIGTERM, up to the grace period for every member to exit, then SIGKILL.
     * Does nothing if already stopped.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        group.signal("TERM");
        if (!awaitGroupExit(spec.stopGracePeriod())) {
            group.signal("KILL");
            if (!awaitGroupExit(KILL_TIMEOUT)) {
                throw new IllegalStateException(spec.name() + ": " + group + " still runs after SIGKILL");
            }
        }
        OrphanGuard.release(group);
    }

    private boolean awaitGroupExit(Duration timeout) {
        try {
            Awaitility.await(spec.name() + " exit")
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !process.isAlive() && !group.hasRunningMembers());
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** The exit code of the stopped server process (143 after SIGTERM, 137 after SIGKILL). */
    public int exitCode() {
        if (process.isAlive()) {
            throw new IllegalStateException(spec.name() + " is still running");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        stop();
    }
}
