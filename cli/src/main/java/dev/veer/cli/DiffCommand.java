package dev.veer.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "diff", description = "The pod templates of two revisions of a rollout (from its Snapshots), line by "
        + "line: '-' only in REV1, '+' only in REV2.")
final class DiffCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The ServiceRollout.")
    String name;

    @Parameters(index = "1", paramLabel = "REV1")
    int first;

    @Parameters(index = "2", paramLabel = "REV2")
    int second;

    @Override
    int run(Cluster cluster) {
        cluster.get(VeerKind.SERVICE_ROLLOUT, name);
        List<Fields> snapshots = cluster.snapshots("ServiceRollout", name);
        List<String> a = template(cluster, snapshots, first);
        List<String> b = template(cluster, snapshots, second);
        out().println("--- " + name + " revision " + first);
        out().println("+++ " + name + " revision " + second);
        LineDiff.of(a, b).forEach(out()::println);
        return 0;
    }

    private List<String> template(Cluster cluster, List<Fields> snapshots, int revision) {
        Fields snapshot = snapshots.stream().filter(s -> s.number("spec.revision").orElse(0L) == revision).findFirst()
                .orElseThrow(() -> new CliException("rollout " + name + " has no revision " + revision
                        + " (revisions: " + snapshots.stream().map(s -> s.text("spec.revision", "?")).toList() + ")"));
        Object template = snapshot.value("spec.template").orElse(java.util.Map.of());
        return cluster.client().getKubernetesSerialization().asYaml(template).lines()
                .filter(line -> !line.equals("---")).toList();
    }
}
