package dev.veer.api;

/** Names shared by every kind of the Veer API. */
public final class VeerApi {
    public static final String GROUP = "veer.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    private VeerApi() {
    }
}
