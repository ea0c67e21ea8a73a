package dev.veer.analysis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operator's allow-list of metric provider addresses, {@code veer.analysis.allowed-addresses}. A rollout's author
 * chooses the address its analysis queries, and the operator sends the request from inside the cluster: without a
 * list, anyone who may write a rollout or a HealthCheck can make the operator request any URL it can reach (SSRF).
 * Unset, every address is allowed.
 *
 * <p>An entry is either
 * <ul>
 * <li>a URL prefix, {@code scheme://host[:port][/path]}: the address has the same scheme, host and port (the
 * scheme's default when none is written) and its path is the entry's path or lies under it
 * ({@code http://prometheus.monitoring:9090} allows {@code http://prometheus.monitoring:9090/prometheus}, not
 * {@code http://prometheus.monitoring.evil:9090});</li>
 * <li>or a host pattern: {@code prometheus.monitoring.svc} (that host, any scheme and port) or
 * {@code *.monitoring.svc} (any host under that domain).</li>
 * </ul>
 * The address is checked after its placeholders are filled, before any request.
 */
public final class AllowedAddresses {

    /** The configuration property, named in every refusal. */
    public static final String SETTING = "veer.analysis.allowed-addresses";

    private final Optional<List<String>> entries;

    private AllowedAddresses(Optional<List<String>> entries) {
        this.entries = entries.map(list -> list.stream().map(String::strip).filter(e -> !e.isEmpty()).toList());
    }

    /** Every address allowed: the setting is unset. */
    public static AllowedAddresses any() {
        return new AllowedAddresses(Optional.empty());
    }

    public static AllowedAddresses of(Optional<List<String>> entries) {
        return new AllowedAddresses(entries);
    }

    /** @throws InvalidAnalysisException naming the address, the field and the setting when the list refuses it */
    public void check(String where, String address) throws InvalidAnalysisException {
        if (entries.isEmpty()) {
            return;
        }
        Optional<URI> uri = parse(address);
        if (uri.isEmpty() || entries.get().stream().noneMatch(entry -> allows(entry, uri.get()))) {
            throw new InvalidAnalysisException(where + ": address " + address + " is not allowed by the operator's "
                    + SETTING + ": use an address it lists, or ask the operator's administrator to add it");
        }
    }

    private static boolean allows(String entry, URI address) {
        if (!entry.contains("://")) {
            return hostMatches(entry.toLowerCase(Locale.ROOT), host(address));
        }
        Optional<URI> prefix = parse(entry);
        if (prefix.isEmpty()) {
            return false;
        }
        URI allowed = prefix.get();
        return allowed.getScheme().equalsIgnoreCase(address.getScheme())
                && host(allowed).equals(host(address))
                && port(allowed) == port(address)
                && pathUnder(path(address), path(allowed));
    }

    private static boolean hostMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            return host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1;
        }
        return host.equals(pattern);
    }

    private static boolean pathUnder(String path, String prefix) {
        String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return base.isEmpty() || path.equals(base) || path.startsWith(base + "/");
    }

    /** An http or https URL with a host and no user info, or empty. */
    private static Optional<URI> parse(String text) {
        try {
            URI uri = new URI(text).normalize();
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null && uri.getRawUserInfo() == null ? Optional.of(uri)
                    : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String host(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String path(URI uri) {
        return uri.getRawPath() == null ? "" : uri.getRawPath();
    }
}
