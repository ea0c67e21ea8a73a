package dev.veer.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", description = "Roll a recorded revision out again through the strategy: sets "
        + "spec.rollbackTo.revision (default: the revision that was stable before the current one). Remove "
        + "spec.rollbackTo to roll spec.template out again.")
final class RollbackCommand extends ClusterCommand {

    /** Verdicts of a revision that served as the stable version. */
    private static final Set<String> WAS_STABLE = Set.of("Promoted", "Superseded");

    @Parameters(index = "0", paramLabel = "NAME", description = "The ServiceRollout.")
    String name;

    @Option(names = "--to-revision", paramLabel = "N", description = "The revision to roll back to.")
    Integer revision;

    @Option(names = "--wait", description = "Wait until the rollout settles (Healthy, Paused or Degraded).")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds to wait with --wait (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    int run(Cluster cluster) {
        Fields rollout = Fields.of(cluster.get(VeerKind.SERVICE_ROLLOUT, name));
        List<Fields> snapshots = cluster.snapshots("ServiceRollout", name);
        long stable = rollout.number("status.stableRevision").orElse(0L);
        int target = revision != null ? revision : previousStable(snapshots, stable)
                .orElseThrow(() -> new CliException("rollout " + name + " has no revision that was stable before "
                        + "revision " + stable + ": give one with --to-revision (see 'kubectl veer history " + name + "')"));
        if (snapshots.stream().noneMatch(s -> s.number("spec.revision").orElse(0L) == target)) {
            throw new CliException("rollout " + name + " has no revision " + target + " (recorded: "
                    + snapshots.stream().map(s -> s.text("spec.revision", "?")).toList() + ")");
        }
        if (target == stable && "Stable".equals(rollout.text("status.stage", ""))
                && rollout.value("spec.rollbackTo").isEmpty()) {
            throw new CliException("rollout " + name + " already runs revision " + target + " as its stable version");
        }
        Fields changed = SpecChange.apply(cluster, name,
                new JsonPatch().add("/spec/rollbackTo", Map.of("revision", target)));
        out().println("servicerollout/" + name + ": spec.rollbackTo.revision=" + target);
        if (!wait) {
            return 0;
        }
        Fields after = SpecChange.awaitSettled(cluster, name, changed, seconds(timeoutSeconds), SpecChange.SETTLED);
        out().println("now: " + Summary.of(after));
        if ("Degraded".equals(after.text("status.phase", ""))) {
            return CliException.NOT_DONE;
        }
        return 0;
    }

    /** The newest revision below the stable one that served as the stable version. */
    static Optional<Integer> previousStable(List<Fields> snapshots, long stable) {
        return snapshots.stream()
                .filter(s -> s.number("spec.revision").orElse(0L) < stable)
                .filter(s -> WAS_STABLE.contains(s.text("status.verdict", ""))
                        && !"ReplacedMidRollout".equals(s.text("status.reason", "")))
                .max(Comparator.comparingLong(s -> s.number("spec.revision").orElse(0L)))
                .map(s -> s.number("spec.revision").orElse(0L).intValue());
    }
}
