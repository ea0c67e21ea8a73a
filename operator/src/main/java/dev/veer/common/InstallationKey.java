package dev.veer.common;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret key of one Veer installation: it keys the hashes that Veer publishes about secret content (the names
 * of a ConfigWatch's Secret versions), so that a published hash cannot be checked against guessed contents without
 * it. Held in a Secret of the operator's namespace ({@link InstallationKeys}); never logged, never published:
 * {@link #toString()} does not show it.
 */
public final class InstallationKey {

    /** Bytes of a new key: the size of an HMAC-SHA256 block's worth of entropy (256 bits). */
    public static final int SIZE = 32;
    private static final String HMAC = "HmacSHA256";

    private final byte[] key;

    private InstallationKey(byte[] key) {
        this.key = key.clone();
    }

    /** @throws IllegalArgumentException when the key is shorter than {@link #SIZE} bytes */
    public static InstallationKey of(byte[] key) {
        if (key == null || key.length < SIZE) {
            throw new IllegalArgumentException("an installation key has at least " + SIZE + " bytes");
        }
        return new InstallationKey(key);
    }

    /** A new random key. */
    public static InstallationKey generate() {
        byte[] key = new byte[SIZE];
        new SecureRandom().nextBytes(key);
        return new InstallationKey(key);
    }

    /** HMAC-SHA256 of {@code message} under this key. */
    public byte[] hmacSha256(byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** The key's bytes, to store it in its Secret. */
    byte[] bytes() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InstallationKey that && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "InstallationKey[hidden]";
    }
}
