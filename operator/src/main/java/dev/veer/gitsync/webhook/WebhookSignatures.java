package dev.veer.gitsync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.veer.api.WebhookSpec.Provider;

/**
 * Whether a webhook request comes from who holds the shared secret. Pure; every comparison takes the same time
 * whatever the bytes ({@link MessageDigest#isEqual}).
 *
 * <ul>
 * <li>GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>}</li>
 * <li>GitLab: {@code X-Gitlab-Token: <secret>}</li>
 * <li>Generic: {@code X-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>}</li>
 * </ul>
 */
public final class WebhookSignatures {

    public static final String GITHUB_HEADER = "X-Hub-Signature-256";
    public static final String GITLAB_HEADER = "X-Gitlab-Token";
    public static final String GENERIC_HEADER = "X-Signature-256";
    private static final String PREFIX = "sha256=";

    private WebhookSignatures() {
    }

    /** @param headers a request's header by (case-insensitive) name, null when absent */
    public static boolean verify(Provider provider, byte[] secret, byte[] body, UnaryOperator<String> headers) {
        return switch (provider) {
            case GitHub -> hmacMatches(headers.apply(GITHUB_HEADER), secret, body);
            case GitLab -> {
                String token = headers.apply(GITLAB_HEADER);
                yield token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), secret);
            }
            case Generic -> hmacMatches(headers.apply(GENERIC_HEADER), secret, body);
        };
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body: what a sender puts in the signature header. */
    public static String sign(byte[] secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static boolean hmacMatches(String header, byte[] secret, byte[] body) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, hmac(secret, body));
    }

    private static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
