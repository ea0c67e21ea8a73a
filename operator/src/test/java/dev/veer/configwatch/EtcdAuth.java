package dev.veer.configwatch;

import static dev.veer.configwatch.ConfigWatchFixtures.bytes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.auth.Permission;

/**
 * Turns on etcd authentication through jetcd's Auth API: a root user, and a user who may read one prefix. Also
 * counts the gRPC calls etcd received, from its metrics.
 */
final class EtcdAuth {

    static final String ROOT_PASSWORD = "root-pw";

    private EtcdAuth() {
    }

    /** Creates root, a role that may read {@code prefix} only and {@code user} with it, then enables auth. */
    static void enable(URI endpoint, String prefix, String user, String password) throws Exception {
        try (Client client = Client.builder().endpoints(endpoint).build()) {
            Auth auth = client.getAuthClient();
            auth.userAdd(bytes("root"), bytes(ROOT_PASSWORD)).get(10, TimeUnit.SECONDS);
            auth.roleAdd(bytes("root")).get(10, TimeUnit.SECONDS);
            auth.userGrantRole(bytes("root"), bytes("root")).get(10, TimeUnit.SECONDS);
            auth.roleAdd(bytes("reader")).get(10, TimeUnit.SECONDS);
            auth.roleGrantPermission(bytes("reader"), bytes(prefix), prefixEnd(prefix), Permission.Type.READ)
                    .get(10, TimeUnit.SECONDS);
            auth.userAdd(bytes(user), bytes(password)).get(10, TimeUnit.SECONDS);
            auth.userGrantRole(bytes(user), bytes("reader")).get(10, TimeUnit.SECONDS);
            auth.authEnable().get(10, TimeUnit.SECONDS);
        }
    }

    static Client rootClient(URI endpoint) {
        return Client.builder().endpoints(endpoint).user(bytes("root")).password(bytes(ROOT_PASSWORD)).build();
    }

    /** How many gRPC calls and streams etcd has started so far (its grpc_server_started_total counters). */
    static long rpcsStarted(URI endpoint) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(endpoint.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines().filter(line -> line.startsWith("grpc_server_started_total{"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** The end of the key range of {@code prefix}: its last byte plus one. */
    private static ByteSequence prefixEnd(String prefix) {
        byte[] end = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        end[end.length - 1]++;
        return ByteSequence.from(end);
    }
}
