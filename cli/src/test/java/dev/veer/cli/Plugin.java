package dev.veer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Runs the plugin's real command line in this JVM, against a kubeconfig, with colour off and a given clock. */
final class Plugin {

    private final Path kubeconfig;
    private final Clock clock;

    Plugin(Path kubeconfig, Clock clock) {
        this.kubeconfig = kubeconfig;
        this.clock = clock;
    }

    record Result(int exitCode, String out, String err) {
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> line = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString(), "--color=never"));
        line.addAll(List.of(args));
        int code = KubectlVeer.run(clock, new PrintWriter(out, true), new PrintWriter(err, true),
                line.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs into a given writer (for --watch, which prints until interrupted). */
    int runInto(StringWriter out, String... args) {
        List<String> line = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString(), "--color=never"));
        line.addAll(List.of(args));
        return KubectlVeer.run(clock, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                line.toArray(String[]::new));
    }
}
