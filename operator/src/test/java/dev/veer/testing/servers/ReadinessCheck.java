package dev.veer.testing.servers;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Tells whether a freshly started server accepts work yet. Polled by {@link ManagedProcess} until it returns
 * {@code true}; an exception counts as "not yet".
 */
@FunctionalInterface
public interface ReadinessCheck {

    boolean isReady() throws Exception;

    /** Ready once a TCP connection to 127.0.0.1:{@code port} succeeds. */
    static ReadinessCheck tcpConnect(int port) {
        return () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            }
        };
    }

    /** Ready once a GET of {@code uri} answers with a response that {@code accepted} accepts. */
    static ReadinessCheck httpGet(URI uri, Predicate<HttpResponse<String>> accepted) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(500))
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
        return () -> accepted.test(client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** Ready once a GET of {@code uri} answers 200. */
    static ReadinessCheck httpOk(URI uri) {
        return httpGet(uri, response -> response.statusCode() == 200);
    }
}
