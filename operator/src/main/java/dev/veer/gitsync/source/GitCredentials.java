package dev.veer.gitsync.source;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Credentials for a repository, read from the keys of a Secret: {@code username} and {@code password} (HTTPS basic,
 * a token goes in password), {@code bearerToken} (HTTPS), {@code identity} and {@code known_hosts} (SSH). Never
 * printed: {@link #toString()} names only which kinds are present.
 */
public final class GitCredentials {

    public static final GitCredentials NONE = new GitCredentials(null, null, null, null, null);

    private final String username;
    private final String password;
    private final String bearerToken;
    private final byte[] identity;
    private final byte[] knownHosts;

    private GitCredentials(String username, String password, String bearerToken, byte[] identity, byte[] knownHosts) {
        this.username = username;
        this.password = password;
        this.bearerToken = bearerToken;
        this.identity = identity;
        this.knownHosts = knownHosts;
    }

    /** From a Secret's base64 {@code data}. */
    public static GitCredentials fromSecretData(Map<String, String> data) {
        if (data == null) {
            return NONE;
        }
        return new GitCredentials(text(data.get("username")), text(data.get("password")),
                text(data.get("bearerToken")), bytes(data.get("identity")), bytes(data.get("known_hosts")));
    }

    public static GitCredentials basic(String username, String password) {
        return new GitCredentials(username, password, null, null, null);
    }

    public static GitCredentials ssh(byte[] identity, byte[] knownHosts) {
        return new GitCredentials(null, null, null, identity, knownHosts);
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String bearerToken() {
        return bearerToken;
    }

    public byte[] identity() {
        return identity;
    }

    public byte[] knownHosts() {
        return knownHosts;
    }

    public boolean hasBasic() {
        return password != null;
    }

    public boolean hasSsh() {
        return identity != null;
    }

    @Override
    public String toString() {
        return "GitCredentials[" + (hasBasic() ? "basic " : "") + (bearerToken != null ? "bearer " : "")
                + (hasSsh() ? "ssh" : "") + "]";
    }

    private static String text(String base64) {
        byte[] bytes = bytes(base64);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String base64) {
        return base64 == null ? null : Base64.getMimeDecoder().decode(base64);
    }
}
