package dev.veer.configwatch.etcd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a ConfigWatch's Secret gives to reach etcd: a user and password, and/or the PEM CA certificate, client
 * certificate and PKCS#8 client key for (mutual) TLS. Never printed: {@link #toString()} tells only which parts are
 * present, and equality compares a digest of the content.
 */
public final class EtcdCredentials {

    private static final EtcdCredentials NONE = new EtcdCredentials(null, null, null, null, null);

    private final String username;
    private final String password;
    private final byte[] caCertificate;
    private final byte[] clientCertificate;
    private final byte[] clientKey;
    private final byte[] digest;

    public EtcdCredentials(String username, String password, byte[] caCertificate, byte[] clientCertificate,
            byte[] clientKey) {
        this.username = username;
        this.password = password;
        this.caCertificate = caCertificate;
        this.clientCertificate = clientCertificate;
        this.clientKey = clientKey;
        this.digest = digest(username, password, caCertificate, clientCertificate, clientKey);
    }

    public static EtcdCredentials none() {
        return NONE;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public Optional<byte[]> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    public Optional<byte[]> clientCertificate() {
        return Optional.ofNullable(clientCertificate);
    }

    public Optional<byte[]> clientKey() {
        return Optional.ofNullable(clientKey);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EtcdCredentials that && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "EtcdCredentials[user=" + (username != null) + ", ca=" + (caCertificate != null) + ", clientCert="
                + (clientCertificate != null) + "]";
    }

    private static byte[] digest(String username, String password, byte[]... files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String text : new String[] { username, password }) {
                update(sha, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
            }
            for (byte[] file : files) {
                update(sha, file);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void update(MessageDigest sha, byte[] part) {
        if (part == null) {
            sha.update((byte) 0);
            return;
        }
        sha.update((byte) 1);
        sha.update(java.nio.ByteBuffer.allocate(4).putInt(part.length).array());
        sha.update(part);
    }
}
