package dev.veer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pause", description = "Hold the rollout at its step: sets spec.paused to true.")
final class PauseCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The ServiceRollout.")
    String name;

    @Option(names = "--wait", description = "Wait until Veer has seen the change.")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait with --wait (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    int run(Cluster cluster) {
        Fields rollout = Fields.of(SpecChange.current(cluster, name));
        if (rollout.flag("spec.paused")) {
            throw new CliException("rollout " + name + " is already paused (spec.paused is true)");
        }
        Fields changed = SpecChange.apply(cluster, name, new JsonPatch().add("/spec/paused", true));
        out().println("servicerollout/" + name + ": spec.paused=true");
        if (wait) {
            Fields after = SpecChange.awaitSettled(cluster, name, changed, seconds(timeoutSeconds), SpecChange.SETTLED);
            out().println("now: " + Summary.of(after));
        }
        return 0;
    }
}
