package dev.veer.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * promote, abort, retry: sets {@code veer.dev/action} on the rollout, exactly as
 * {@code kubectl annotate sr NAME veer.dev/action=...} would, after checking that the command applies in the rollout's
 * current stage. With {@code --wait}, waits for Veer to take it and tells what happened.
 */
abstract class ActionCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The ServiceRollout.")
    String name;

    @Option(names = "--wait", description = "Wait for Veer to take the command and tell what happened.")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait with --wait (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    abstract ActionRules action();

    @Override
    int run(Cluster cluster) {
        GenericKubernetesResource rollout = cluster.get(VeerKind.SERVICE_ROLLOUT, name);
        Fields fields = Fields.of(rollout);
        ActionRules action = action();
        action.refusal(fields).ifPresent(why -> {
            throw new CliException(why);
        });
        Instant given = root().clock().instant();
        JsonPatch patch = JsonPatch.annotate(fields, ActionRules.ANNOTATION, action.value())
                .test("/metadata/resourceVersion", rollout.getMetadata().getResourceVersion());
        cluster.patch(VeerKind.SERVICE_ROLLOUT, name, patch.json());
        out().println("servicerollout/" + name + ": " + ActionRules.ANNOTATION + "=" + action.value() + " set");
        if (!wait) {
            return 0;
        }
        VeerResponse.Answer answer = new VeerResponse(cluster, name, seconds(timeoutSeconds)).action(action.value(), given);
        out().println((answer.taken() ? "taken" : "not taken") + " (" + answer.reason() + "): " + answer.message());
        out().println("now: " + Summary.of(answer.rollout()));
        return answer.taken() ? 0 : CliException.NOT_DONE;
    }
}
