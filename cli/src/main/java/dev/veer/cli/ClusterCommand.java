package dev.veer.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to the API server: connects as the global options say, runs, closes the client. */
abstract class ClusterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    KubectlVeer root() {
        return (KubectlVeer) spec.root().userObject();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    Style style() {
        return root().style();
    }

    @Override
    public Integer call() {
        try (Cluster cluster = root().cluster.connect()) {
            return run(cluster);
        }
    }

    abstract int run(Cluster cluster);

    static Duration seconds(int seconds) {
        return Duration.ofSeconds(seconds);
    }
}
