package dev.veer.e2e.cluster;

/**
 * The ServiceRollouts the suite creates, as a user writes them. Every version runs {@value #IMAGE}, a small real image
 * that starts on any node and listens on nothing, so healthy versions have no readiness probe (ready once running)
 * and a version meant to never become ready has the probe of {@link PodReadiness#NEVER_READY_COMMAND}. Versions
 * differ by the environment variable {@value #VERSION_VARIABLE}, which changes the pod template and so makes a new
 * revision.
 */
public final class RolloutYaml {

    public static final String IMAGE = "registry.k8s.io/pause:3.10";
    public static final String VERSION_VARIABLE = "VEER_E2E_VERSION";

    private RolloutYaml() {
    }

    /**
     * A canary rollout of {@code replicas} pods of version {@code version}; {@code steps} is a YAML flow list, e.g.
     * {@code [{setWeight: 25}, {pause: {}}]}; the old version goes {@code scaleDownDelaySeconds} after promotion.
     */
    public static String canary(String name, int replicas, String steps, String version, int scaleDownDelaySeconds) {
        return rollout(name, replicas, """
                    canary:
                      scaleDownDelaySeconds: %d
                      maxSurge: 25%%
                      maxUnavailable: 0
                      steps: %s
                """.formatted(scaleDownDelaySeconds, steps), version);
    }

    /** A blue-green rollout with Services {@code name} (active) and {@code name-preview}. */
    public static String blueGreen(String name, int replicas, String version, boolean autoPromotion,
            int scaleDownDelaySeconds) {
        return rollout(name, replicas, """
                    blueGreen:
                      activeService: %s
                      previewService: %s-preview
                      autoPromotionEnabled: %s
                      scaleDownDelaySeconds: %d
                """.formatted(name, name, autoPromotion, scaleDownDelaySeconds), version);
    }

    /** {@code strategy} is the YAML under spec.strategy, indented by four spaces. */
    static String rollout(String name, int replicas, String strategy, String version) {
        return """
                apiVersion: veer.dev/v1alpha1
                kind: ServiceRollout
                metadata:
                  name: %s
                spec:
                  replicas: %d
                  progressDeadlineSeconds: 600
                  service:
                    ports: [{name: http, port: 80, targetPort: 8080}]
                  strategy:
                %s  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers:
                        - name: app
                          image: %s
                          imagePullPolicy: IfNotPresent
                          env: [{name: %s, value: "%s"}]
                """.formatted(name, replicas, strategy, name, IMAGE, VERSION_VARIABLE, version);
    }
}
