package dev.veer.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The process-group lifecycle every server of the harness relies on, shown with plain shell processes. */
class ManagedProcessTest {

    @Test
    void runsInItsOwnGroupAndStopSignalsEveryMemberOfTheGroup() throws IOException {
        ServerDirectory dir = ServerDirectory.create("group-kill", FreePort.allocate());
        Path log = dir.logFile();
        // The leader ignores SIGTERM, so only a signal to the whole group can end its two children; it reaps them,
        // says so, and is then SIGKILLed by the escalation (being our own child, the JVM reaps it: no zombies).
        String script = "sleep 300 & sleep 300 & trap '' TERM; echo ready; wait; echo children-reaped; "
                + "exec sleep 300";
        ProcessSpec spec = ProcessSpec.of("group-kill", List.of("sh", "-c", script), log,
                        () -> Files.readString(log).contains("ready"))
                .withStopGracePeriod(Duration.ofSeconds(1));

        ManagedProcess process = ManagedProcess.start(spec);
        List<Long> children = ProcessHandle.of(process.pid()).orElseThrow().children().map(ProcessHandle::pid).toList();

        assertThat(process.pgid()).isEqualTo(process.pid()).isEqualTo(ProcessGroup.pgidOf(process.pid()));
        assertThat(children).hasSize(2).allSatisfy(child -> assertThat(ProcessGroup.pgidOf(child))
                .isEqualTo(process.pgid()));

        process.stop();

        assertThat(process.isAlive()).isFalse();
        assertThat(process.exitCode()).as("SIGKILL after the grace period").isEqualTo(137);
        assertThat(children).noneMatch(ProcessGroup::isRunning);
        assertThat(Files.readString(log)).contains("children-reaped").doesNotContain("sleep: ");
    }

    @Test
    void failsWithTheLogTailWhenTheServerExitsBeforeItIsReady() {
        ServerDirectory dir = ServerDirectory.create("early-exit", FreePort.allocate());
        ProcessSpec spec = ProcessSpec.of("early-exit",
                List.of("sh", "-c", "echo 'listen tcp 127.0.0.1:1: bind: address already in use'; exit 3"),
                dir.logFile(), () -> false);

        assertThatThrownBy(() -> ManagedProcess.start(spec))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("early-exit exited before it became ready (exit code 3)")
                .hasMessageContaining("bind: address already in use");
    }

    @Test
    void failsWithTheLogTailAndStopsTheServerWhenItNeverBecomesReady() {
        ServerDirectory dir = ServerDirectory.create("never-ready", FreePort.allocate());
        String marker = "299." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        ProcessSpec spec = ProcessSpec.of("never-ready",
                        List.of("sh", "-c", "echo still warming up; exec sleep " + marker), dir.logFile(), () -> false)
                .withStartupTimeout(Duration.ofSeconds(1));

        assertThatThrownBy(() -> ManagedProcess.start(spec))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never-ready did not become ready within PT1S")
                .hasMessageContaining("still warming up");
        assertThat(ProcessHandle.allProcesses())
                .noneMatch(handle -> handle.info().arguments().map(args -> List.of(args).contains(marker))
                        .orElse(false) && ProcessGroup.isRunning(handle.pid()));
    }
}
