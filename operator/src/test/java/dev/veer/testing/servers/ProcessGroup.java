package dev.veer.testing.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A Linux process group, identified by its pgid: signals all of its members at once and tells whether any of them is
 * still running. Zombies (exited, not yet reaped) do not count as running: on this machine PID 1 does not reap
 * orphans, so an orphaned child that was killed may stay a zombie forever.
 */
final class ProcessGroup {

    private final long pgid;

    private ProcessGroup(long pgid) {
        this.pgid = pgid;
    }

    /**
     * Returns the group led by {@code process}, which was started through {@code setsid}. Waits briefly because
     * {@code setsid} may not have called setsid(2) yet when {@link ProcessBuilder#start()} returns.
     */
    static ProcessGroup ledBy(Process process, Duration timeout) {
        long pid = process.pid();
        try {
            Awaitility.await("pid " + pid + " becoming a process group leader")
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10))
                    .failFast("pid " + pid + " exited before becoming a process group leader", () -> !process.isAlive())
                    .until(() -> pgidOf(pid) == pid);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("pid " + pid + " is not the leader of its own process group (pgid "
                    + pgidOf(pid) + "); was it started through setsid?", e);
        }
        return new ProcessGroup(pid);
    }

    /** The pgid of {@code pid} as {@code ps -o pgid= -p PID} reports it, or -1 if there is no such process. */
    static long pgidOf(long pid) {
        OneShotCommand.Result result = OneShotCommand.run(List.of("ps", "-o", "pgid=", "-p", Long.toString(pid)));
        String pgid = result.output().trim();
        return result.succeeded() && !pgid.isEmpty() ? Long.parseLong(pgid) : -1;
    }

    long pgid() {
        return pgid;
    }

    /** Sends {@code signal} (TERM, KILL, ...) to every member: {@code kill -SIGNAL -- -PGID}. */
    void signal(String signal) {
        // A non-zero exit only means that no member was left to signal.
        OneShotCommand.run(List.of("kill", "-" + signal, "--", "-" + pgid));
    }

    /** Whether any member of the group is still running (zombies excluded). */
    boolean hasRunningMembers() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(ProcessGroup::readStat)
                    .anyMatch(stat -> stat != null && stat.pgid() == pgid && stat.running());
        } catch (IOException e) {
            throw new IllegalStateException("could not list /proc", e);
        }
    }

    /** Whether {@code pid} exists and is not a zombie. */
    static boolean isRunning(long pid) {
        ProcStat stat = readStat(Path.of("/proc", Long.toString(pid)));
        return stat != null && stat.running();
    }

    private record ProcStat(char state, long pgid) {

        boolean running() {
            return state != 'Z' && state != 'X';
        }
    }

    /** Parses /proc/PID/stat: "pid (comm) state ppid pgrp ...", where comm may itself contain spaces and parentheses. */
    private static ProcStat readStat(Path procEntry) {
        String stat;
        try {
            stat = Files.readString(procEntry.resolve("stat"));
        } catch (IOException e) {
            return null; // no such process, or it went away while we read it
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new ProcStat(fields[0].charAt(0), Long.parseLong(fields[2]));
    }

    @Override
    public String toString() {
        return "process group " + pgid;
    }
}
