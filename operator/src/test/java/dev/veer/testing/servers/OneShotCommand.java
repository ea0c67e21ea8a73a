package dev.veer.testing.servers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short helper command ({@code ps}, {@code kill}, {@code git init}) to completion and returns what it printed
 * (stdout and stderr together).
 */
final class OneShotCommand {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Exit code and combined output of a finished command. */
    record Result(int exitCode, String output) {

        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private OneShotCommand() {
    }

    /** Runs the command and returns its result whatever the exit code. */
    static Result run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readFully(process.getInputStream()));
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + TIMEOUT);
            }
            return new Result(process.exitValue(), output.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not read the output of " + command, e);
        }
    }

    /** Runs the command and returns its output, failing if it exits with a non-zero code. */
    static String runChecked(List<String> command) {
        Result result = run(command);
        if (!result.succeeded()) {
            throw new IllegalStateException(command + " exited with " + result.exitCode() + ": " + result.output());
        }
        return result.output();
    }

    private static String readFully(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
