package dev.veer.configwatch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import dev.veer.api.EtcdSource;
import dev.veer.configwatch.etcd.EtcdCredentials;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Reads the etcd credentials of a ConfigWatch from its Secret: {@code username} and {@code password}, and/or
 * {@code ca.crt}, {@code tls.crt} and {@code tls.key}. Problems are described by key names only, never by values.
 */
final class CredentialsReader {

    /** Credentials, or why there are none. */
    record Result(EtcdCredentials credentials, String problem) {
        static Result ok(EtcdCredentials credentials) {
            return new Result(credentials, null);
        }

        static Result problem(String problem) {
            return new Result(null, problem);
        }
    }

    private final KubernetesClient client;

    CredentialsReader(KubernetesClient client) {
        this.client = client;
    }

    Result read(String namespace, EtcdSource source) {
        if (source.getSecretRef() == null) {
            return Result.ok(EtcdCredentials.none());
        }
        String name = source.getSecretRef().getName();
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return Result.problem("Secret " + name + " of spec.source.etcd.secretRef does not exist");
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        byte[] username = decode(data.get("username"));
        byte[] password = decode(data.get("password"));
        byte[] ca = decode(data.get("ca.crt"));
        byte[] cert = decode(data.get("tls.crt"));
        byte[] key = decode(data.get("tls.key"));
        if ((username == null) != (password == null)) {
            return Result.problem("Secret " + name + " must have both username and password, or neither");
        }
        if ((cert == null) != (key == null)) {
            return Result.problem("Secret " + name + " must have both tls.crt and tls.key, or neither");
        }
        if (username == null && ca == null && cert == null) {
            return Result.problem("Secret " + name + " has none of username/password, ca.crt, tls.crt/tls.key");
        }
        return Result.ok(new EtcdCredentials(text(username), text(password), ca, cert, key));
    }

    private static byte[] decode(String base64) {
        return base64 == null ? null : Base64.getDecoder().decode(base64);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
