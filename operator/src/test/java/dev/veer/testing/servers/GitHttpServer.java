package dev.veer.testing.servers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Git's smart HTTP protocol on 127.0.0.1: the JDK's HTTP server runs the real {@code git http-backend} CGI program for
 * every request, serving the bare repositories under a directory, behind HTTP basic authentication.
 */
public final class GitHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path projectRoot;
    private final String expectedAuthorization;
    private final AtomicInteger unauthorized = new AtomicInteger();

    private GitHttpServer(HttpServer server, ExecutorService executor, Path projectRoot, String expected) {
        this.server = server;
        this.executor = executor;
        this.projectRoot = projectRoot;
        this.expectedAuthorization = expected;
    }

    /** Serves the repositories under {@code projectRoot}, asking for this user name and password. */
    public static GitHttpServer start(Path projectRoot, String username, String password) {
        Path git = ServerBinary.GIT.locate();
        Path backend = Path.of(OneShotCommand.runChecked(List.of(git.toString(), "--exec-path")).trim(),
                "git-http-backend");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4);
            String expected = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            GitHttpServer http = new GitHttpServer(server, executor, projectRoot, expected);
            server.createContext("/", exchange -> http.handle(exchange, backend));
            server.setExecutor(executor);
            server.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the git HTTP server", e);
        }
    }

    /** The URL of repository {@code name} (e.g. {@code app.git}). */
    public URI uri(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    /** Requests refused for missing or wrong credentials. */
    public int unauthorizedRequests() {
        return unauthorized.get();
    }

    private void handle(HttpExchange exchange, Path backend) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!expectedAuthorization.equals(authorization)) {
                unauthorized.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            ProcessBuilder cgi = new ProcessBuilder(backend.toString()).redirectError(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> env = cgi.environment();
            env.put("GIT_PROJECT_ROOT", projectRoot.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("REQUEST_METHOD", exchange.getRequestMethod());
            env.put("PATH_INFO", exchange.getRequestURI().getPath());
            env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? ""
                    : exchange.getRequestURI().getRawQuery());
            env.put("REMOTE_USER", "veer");
            env.put("REMOTE_ADDR", "127.0.0.1");
            putIfPresent(env, "CONTENT_TYPE", exchange.getRequestHeaders().getFirst("Content-Type"));
            putIfPresent(env, "HTTP_CONTENT_ENCODING", exchange.getRequestHeaders().getFirst("Content-Encoding"));
            putIfPresent(env, "GIT_PROTOCOL", exchange.getRequestHeaders().getFirst("Git-Protocol"));
            Process process = cgi.start();
            try (InputStream body = exchange.getRequestBody(); OutputStream stdin = process.getOutputStream()) {
                body.transferTo(stdin);
            }
            byte[] output = process.getInputStream().readAllBytes();
            int split = headerEnd(output);
            String headers = new String(output, 0, split, StandardCharsets.ISO_8859_1);
            int status = 200;
            for (String line : headers.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.split(" ")[0]);
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            int bodyStart = split + (output.length > split + 1 && output[split] == '\r' ? 4 : 2);
            bodyStart = Math.min(bodyStart, output.length);
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            rest.write(output, bodyStart, output.length - bodyStart);
            exchange.sendResponseHeaders(status, rest.size() == 0 ? -1 : rest.size());
            if (rest.size() > 0) {
                exchange.getResponseBody().write(rest.toByteArray());
            }
        }
    }

    /** Index of the blank line ending the CGI headers ("\r\n\r\n" or "\n\n"). */
    private static int headerEnd(byte[] output) {
        for (int i = 0; i + 1 < output.length; i++) {
            if (output[i] == '\n' && output[i + 1] == '\n') {
                return i;
            }
            if (i + 3 < output.length && output[i] == '\r' && output[i + 1] == '\n' && output[i + 2] == '\r'
                    && output[i + 3] == '\n') {
                return i;
            }
        }
        return output.length;
    }

    private static void putIfPresent(Map<String, String> env, String key, String value) {
        if (value != null) {
            env.put(key, value);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
