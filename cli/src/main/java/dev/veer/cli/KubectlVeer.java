package dev.veer.cli;

import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code kubectl veer}: inspect and steer Veer's rollouts from the command line. Every command reads Veer's objects
 * from the API server and acts through the annotations and fields a user could patch by hand: the plugin adds no
 * API of its own.
 */
@Command(name = "kubectl veer", mixinStandardHelpOptions = true, versionProvider = KubectlVeer.Version.class,
        description = "Inspect and steer Veer's ServiceRollouts, ConfigWatches and GitSyncs.",
        subcommands = { GetCommand.class, ListCommand.class, PromoteCommand.class, AbortCommand.class,
                RetryCommand.class, PauseCommand.class, ResumeCommand.class, RollbackCommand.class,
                HistoryCommand.class, DiffCommand.class, SetCommand.class, ReconcileCommand.class },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = { "0:done", "1:failed: not found, not valid in the current phase, API error",
                "2:usage error", "3:Veer did not do it: declined, failed or timed out (--wait)" })
public final class KubectlVeer {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--color", scope = ScopeType.INHERIT, defaultValue = "auto",
            description = "auto (a terminal), always or never.")
    String color;

    private final Clock clock;

    KubectlVeer(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    Style style() {
        return Style.choose(color);
    }

    public static void main(String[] args) {
        System.exit(run(Clock.systemUTC(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line; returns its exit code. */
    static int run(Clock clock, PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = new CommandLine(new KubectlVeer(clock));
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException cli) {
                commandLine.getErr().println("error: " + cli.getMessage());
                return cli.exitCode();
            }
            commandLine.getErr().println("error: " + e);
            return CliException.FAILED;
        });
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KubectlVeer.class.getPackage().getImplementationVersion();
            return new String[] { "kubectl-veer " + (version == null ? "development" : version) };
        }
    }
}
