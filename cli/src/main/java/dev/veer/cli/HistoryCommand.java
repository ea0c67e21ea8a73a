package dev.veer.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "history", description = "The versions a rollout has run (its Snapshots): revision, images, "
        + "configuration revisions, source (Git commit), verdict.")
final class HistoryCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The ServiceRollout.")
    String name;

    @Override
    int run(Cluster cluster) {
        Fields rollout = Fields.of(cluster.get(VeerKind.SERVICE_ROLLOUT, name));
        List<Fields> snapshots = cluster.snapshots("ServiceRollout", name);
        if (snapshots.isEmpty()) {
            out().println("No Snapshots of rollout " + name + " yet.");
            return 0;
        }
        Table table = new Table(List.of("REVISION", "IMAGES", "CONFIG", "SOURCE", "VERDICT", "AGE", ""));
        for (Fields s : snapshots) {
            table.row(List.of(s.text("spec.revision", "?"), images(s), config(s), source(s),
                    s.text("status.verdict", "-"), Ages.since(s.text("spec.createdAt",
                            s.text("metadata.creationTimestamp", "")), root().clock().instant()),
                    role(rollout, s.text("spec.revision", "?"))));
        }
        out().print(table.render());
        return 0;
    }

    static String images(Fields snapshot) {
        String images = snapshot.list("spec.template.spec.containers").stream()
                .map(c -> c.text("name", "?") + "=" + c.text("image", "?")).collect(Collectors.joining(","));
        return images.isEmpty() ? "-" : images;
    }

    private static String config(Fields snapshot) {
        String config = snapshot.list("spec.configRevisions").stream()
                .map(c -> c.text("configWatch", "?") + ":" + c.text("revision", "?")).collect(Collectors.joining(","));
        return config.isEmpty() ? "-" : config;
    }

    /** A Git commit is shown as its first 12 characters; any other source as recorded. */
    private static String source(Fields snapshot) {
        String source = snapshot.text("spec.source", "-");
        if (source.startsWith("git:") && source.length() > 16) {
            return source.substring(0, 16);
        }
        return source;
    }

    private static String role(Fields rollout, String revision) {
        if (revision.equals(rollout.text("status.stableRevision", ""))) {
            return "(stable)";
        }
        if (revision.equals(rollout.text("status.canaryRevision", ""))) {
            return "(rolling out)";
        }
        return "";
    }
}
