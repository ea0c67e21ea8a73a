package dev.veer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "reconcile", description = "Ask Veer to reconcile a ConfigWatch or GitSync now: sets the annotation "
        + "veer.dev/reconcile-at to the current time.")
final class ReconcileCommand extends ClusterCommand {

    static final String ANNOTATION = "veer.dev/reconcile-at";

    @Parameters(index = "0", paramLabel = "KIND", description = "cw or gs.")
    String kindName;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    int run(Cluster cluster) {
        VeerKind kind = VeerKind.named(kindName).filter(k -> k == VeerKind.CONFIG_WATCH || k == VeerKind.GIT_SYNC)
                .orElseThrow(() -> new CliException("reconcile applies to cw (ConfigWatch) or gs (GitSync), not \""
                        + kindName + "\""));
        Fields object = Fields.of(cluster.get(kind, name));
        String now = root().clock().instant().toString();
        cluster.patch(kind, name, JsonPatch.annotate(object, ANNOTATION, now).json());
        out().println(kind.kind().toLowerCase(java.util.Locale.ROOT) + "/" + name + ": " + ANNOTATION + "=" + now);
        return 0;
    }
}
