package dev.veer.rollout;

import java.io.IOException;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Veer's ServiceRollout controller in a JVM of its own, against the API server given as the first argument, so that
 * a benchmark can measure this JVM's heap alone. Prints {@link #READY} once started; stops when its standard input
 * closes.
 */
public final class StandaloneOperatorMain {

    static final String READY = "VEER-OPERATOR-READY";

    private StandaloneOperatorMain() {
    }

    public static void main(String[] args) throws IOException {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(args[0]).withTrustCerts(true).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
                StandaloneOperator operator = StandaloneOperator.start(client, Integer.parseInt(args[1]))) {
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() != -1) {
                // Runs until the benchmark closes our standard input.
            }
        }
    }
}
