package dev.veer.cli;

import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", description = "Let a paused rollout go on: sets spec.paused to false.")
final class ResumeCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The ServiceRollout.")
    String name;

    @Option(names = "--wait", description = "Wait until Veer has seen the change.")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait with --wait (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    int run(Cluster cluster) {
        Fields rollout = Fields.of(SpecChange.current(cluster, name));
        if (!rollout.flag("spec.paused")) {
            throw new CliException("rollout " + name + " is not paused (spec.paused is not true)");
        }
        Fields changed = SpecChange.apply(cluster, name, new JsonPatch().replace("/spec/paused", false));
        out().println("servicerollout/" + name + ": spec.paused=false");
        if (wait) {
            Fields after = SpecChange.awaitSettled(cluster, name, changed, seconds(timeoutSeconds),
                    Set.of("Healthy", "Paused", "Degraded", "Progressing"));
            out().println("now: " + Summary.of(after));
        }
        return 0;
    }
}
