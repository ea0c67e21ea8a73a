package dev.veer.configwatch.model;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * The reversible escaping of etcd keys (without the prefix) into ConfigMap and Secret data keys, which must match
 * {@code [-._a-zA-Z0-9]+}. It works on the key's bytes, so any etcd key has exactly one data key and back:
 * <ul>
 * <li>{@code /} becomes {@code __};</li>
 * <li>{@code -}, {@code .}, ASCII letters and digits stay as they are, except a leading {@code .} (Kubernetes
 * rejects the keys {@code .} and {@code ..});</li>
 * <li>every other byte, {@code _} itself and a leading {@code .} included, becomes {@code _} and two upper-case hex
 * digits.</li>
 * </ul>
 * So {@code db/max_idle} is {@code db__max_5Fidle} and {@code .env} is {@code _2Eenv}. After an {@code _} comes either
 * a second {@code _} or two hex digits, which is what makes the escaping reversible.
 */
public final class DataKeys {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private DataKeys() {
    }

    /** The data key of an etcd key (the bytes after the prefix). */
    public static String encode(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("an empty key has no data key");
        }
        StringBuilder out = new StringBuilder(key.length + 8);
        for (int i = 0; i < key.length; i++) {
            int b = key[i] & 0xFF;
            if (b == '/') {
                out.append("__");
            } else if (isPlain(b) && !(b == '.' && i == 0)) {
                out.append((char) b);
            } else {
                out.append('_').append(HEX.toHexDigits((byte) b));
            }
        }
        return out.toString();
    }

    /** The etcd key (without the prefix) of a data key made by {@link #encode}. */
    public static byte[] decode(String dataKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(dataKey.length());
        for (int i = 0; i < dataKey.length(); i++) {
            char c = dataKey.charAt(i);
            if (c != '_') {
                if (!isPlain(c)) {
                    throw new IllegalArgumentException("not an escaped data key: " + dataKey);
                }
                out.write(c);
            } else if (i + 1 < dataKey.length() && dataKey.charAt(i + 1) == '_') {
                out.write('/');
                i++;
            } else if (i + 2 < dataKey.length() && HexFormat.isHexDigit(dataKey.charAt(i + 1))
                    && HexFormat.isHexDigit(dataKey.charAt(i + 2))) {
                out.write(HexFormat.fromHexDigits(dataKey, i + 1, i + 3));
                i += 2;
            } else {
                throw new IllegalArgumentException("not an escaped data key: " + dataKey);
            }
        }
        return out.toByteArray();
    }

    private static boolean isPlain(int c) {
        return c == '-' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
