package dev.veer.api;

/** Names shared by every kind of the Veer API. */
public final class VeerApi {
    public static final String GROUP = "veer.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /** A duration as Kubernetes users write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}. */
    public static final String DURATION_PATTERN = "^([0-9]+(ms|s|m|h))+$";

    private VeerApi() {
    }
}
