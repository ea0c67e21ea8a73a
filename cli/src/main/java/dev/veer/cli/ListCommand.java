package dev.veer.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "list", description = "List ServiceRollouts (default), or ConfigWatches (cw) or GitSyncs (gs), with "
        + "where each stands.")
final class ListCommand extends ClusterCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", defaultValue = "sr",
            description = "sr (default), cw or gs.")
    String kindName;

    @Override
    int run(Cluster cluster) {
        VeerKind kind = VeerKind.named(kindName)
                .orElseThrow(() -> new CliException("unknown kind \"" + kindName + "\": use sr, cw or gs"));
        List<GenericKubernetesResource> items = cluster.list(kind);
        if (items.isEmpty()) {
            out().println("No " + kind.kind() + " found in " + (cluster.allNamespaces() ? "any namespace"
                    : "namespace " + cluster.namespace()) + ".");
            return 0;
        }
        Table table = kind == VeerKind.SERVICE_ROLLOUT ? rollouts(items, cluster.allNamespaces())
                : generic(items, cluster.allNamespaces());
        out().print(table.render());
        return 0;
    }

    private Table rollouts(List<GenericKubernetesResource> items, boolean namespaces) {
        Table table = new Table(columns(namespaces, "NAME", "STRATEGY", "PHASE", "STAGE", "STEP", "WEIGHT", "STABLE",
                "NEW", "READY", "AGE"));
        for (GenericKubernetesResource item : items) {
            Fields r = Fields.of(item);
            boolean canary = !r.object("spec.strategy.canary").isEmpty();
            int steps = r.list("spec.strategy.canary.steps").size();
            String step = canary ? r.number("status.currentStepIndex").map(i -> Math.min(i + 1, steps) + "/" + steps)
                    .orElse("-") : "-";
            table.row(cells(namespaces, r, r.text("metadata.name", "?"), canary ? "Canary" : "BlueGreen",
                    r.text("status.phase", "-"), r.text("status.stage", "-"), step,
                    r.text("status.canaryWeight", "-"), r.text("status.stableRevision", "-"),
                    r.text("status.canaryRevision", "-"),
                    r.text("status.readyReplicas", "0") + "/" + r.text("spec.replicas", "-"),
                    Ages.since(r.text("metadata.creationTimestamp", ""), root().clock().instant())));
        }
        return table;
    }

    private Table generic(List<GenericKubernetesResource> items, boolean namespaces) {
        Table table = new Table(columns(namespaces, "NAME", "READY", "REASON", "REVISION", "AGE"));
        for (GenericKubernetesResource item : items) {
            Fields r = Fields.of(item);
            var ready = r.conditions().stream().filter(c -> "Ready".equals(c.type())).findFirst();
            table.row(cells(namespaces, r, r.text("metadata.name", "?"),
                    ready.map(Fields.Condition::status).orElse("-"), ready.map(Fields.Condition::reason).orElse("-"),
                    r.text("status.revision").or(() -> r.text("status.lastAppliedCommit"))
                            .or(() -> r.text("status.commit")).orElse("-"),
                    Ages.since(r.text("metadata.creationTimestamp", ""), root().clock().instant())));
        }
        return table;
    }

    private static List<String> columns(boolean namespaces, String... names) {
        List<String> columns = new ArrayList<>();
        if (namespaces) {
            columns.add("NAMESPACE");
        }
        columns.addAll(List.of(names));
        return columns;
    }

    private static List<String> cells(boolean namespaces, Fields r, String... values) {
        List<String> cells = new ArrayList<>();
        if (namespaces) {
            cells.add(r.text("metadata.namespace", "?"));
        }
        cells.addAll(List.of(values));
        return cells;
    }
}
