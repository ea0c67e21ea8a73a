package dev.veer.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Show a ServiceRollout as a tree: strategy, step, weight set and read back, "
        + "slots, analyses against their thresholds, conditions, events. 'get cw NAME' / 'get gs NAME' show a "
        + "ConfigWatch or GitSync.")
final class GetCommand extends ClusterCommand {

    @Parameters(arity = "1..2", paramLabel = "[KIND] NAME", description = "NAME of a ServiceRollout, or KIND "
            + "(sr, cw, gs) and NAME.")
    List<String> arguments;

    @Option(names = { "-w", "--watch" }, description = "Print again on every change until interrupted (Ctrl-C).")
    boolean watch;

    @Override
    int run(Cluster cluster) {
        VeerKind kind = arguments.size() == 2 ? VeerKind.named(arguments.get(0)).orElseThrow(
                () -> new CliException("unknown kind \"" + arguments.get(0) + "\": use sr, cw or gs"))
                : VeerKind.SERVICE_ROLLOUT;
        String name = arguments.get(arguments.size() - 1);
        GenericKubernetesResource object = cluster.get(kind, name);
        out().print(render(cluster, kind, object));
        out().flush();
        if (watch) {
            watch(cluster, kind, name, object.getMetadata().getResourceVersion());
        }
        return 0;
    }

    private String render(Cluster cluster, VeerKind kind, GenericKubernetesResource object) {
        Fields fields = Fields.of(object);
        var events = cluster.eventsOf(kind.kind(), object.getMetadata().getName());
        if (kind != VeerKind.SERVICE_ROLLOUT) {
            return SourceTree.render(kind, fields, events, root().clock().instant(), style());
        }
        var thresholds = AnalysisThresholds.of(fields, hc -> Optional
                .ofNullable(cluster.resource(VeerKind.HEALTH_CHECK, hc).get()).map(Fields::of));
        return RolloutTree.render(fields, cluster.deploymentsOf(object.getMetadata().getName()), thresholds, events,
                root().clock().instant(), style());
    }

    /** Re-renders on every change of the object until the thread is interrupted or the object deleted. */
    private void watch(Cluster cluster, VeerKind kind, String name, String resourceVersion) {
        CountDownLatch done = new CountDownLatch(1);
        // Servers that replay the current state on a new watch (the mock API server does) print nothing twice.
        java.util.concurrent.atomic.AtomicReference<String> shown = new java.util.concurrent.atomic.AtomicReference<>(
                resourceVersion);
        var from = new ListOptionsBuilder().withResourceVersion(resourceVersion).build();
        try (Watch ignored = cluster.resource(kind, name).watch(from, new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                if (action == Action.DELETED) {
                    out().println(kind.kind() + " " + name + " was deleted");
                    done.countDown();
                    return;
                }
                String version = resource.getMetadata().getResourceVersion();
                if (version != null && version.equals(shown.getAndSet(version))) {
                    return;
                }
                String text = render(cluster, kind, resource);
                synchronized (GetCommand.this) {
                    out().print(style().coloured() ? "\u001b[H\u001b[2J" : "---\n");
                    out().print(text);
                    out().flush();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                out().println("watch closed: " + cause.getMessage());
                done.countDown();
            }
        })) {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
