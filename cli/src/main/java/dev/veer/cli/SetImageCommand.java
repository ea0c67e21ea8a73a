package dev.veer.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "image", description = "Set container images in spec.template: a JSON Patch of each container's "
        + "image, so the new template is rolled out through the strategy.")
final class SetImageCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The ServiceRollout.")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CONTAINER=IMAGE")
    List<String> images;

    @Option(names = "--wait", description = "Wait until the rollout settles (Healthy, Paused or Degraded).")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds to wait with --wait (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    int run(Cluster cluster) {
        Fields rollout = Fields.of(cluster.get(VeerKind.SERVICE_ROLLOUT, name));
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String image : images) {
            int equals = image.indexOf('=');
            if (equals <= 0 || equals == image.length() - 1) {
                throw new CliException("\"" + image + "\" is not CONTAINER=IMAGE");
            }
            wanted.put(image.substring(0, equals), image.substring(equals + 1));
        }
        JsonPatch patch = new JsonPatch();
        List<String> known = new ArrayList<>();
        for (String list : List.of("initContainers", "containers")) {
            List<Fields> containers = rollout.list("spec.template.spec." + list);
            for (int i = 0; i < containers.size(); i++) {
                String container = containers.get(i).text("name", "");
                known.add(container);
                if (wanted.containsKey(container)) {
                    String path = "/spec/template/spec/" + list + "/" + i;
                    patch.test(path + "/name", container).add(path + "/image", wanted.remove(container));
                }
            }
        }
        if (!wanted.isEmpty()) {
            throw new CliException("rollout " + name + " has no container " + String.join(", ", wanted.keySet())
                    + " (containers: " + String.join(", ", known) + ")");
        }
        Fields changed = SpecChange.apply(cluster, name, patch);
        out().println("servicerollout/" + name + ": image updated (generation "
                + changed.text("metadata.generation", "?") + ")");
        if (rollout.value("spec.rollbackTo").isPresent()) {
            out().println("note: spec.rollbackTo is set, so Veer keeps running revision "
                    + rollout.text("spec.rollbackTo.revision", "?") + " until it is removed");
        }
        if (!wait) {
            return 0;
        }
        Fields after = SpecChange.awaitSettled(cluster, name, changed, seconds(timeoutSeconds), SpecChange.SETTLED);
        out().println("now: " + Summary.of(after));
        return "Degraded".equals(after.text("status.phase", "")) ? CliException.NOT_DONE : 0;
    }
}
