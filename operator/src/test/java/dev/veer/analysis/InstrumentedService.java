package dev.veer.analysis;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;

/**
 * A small HTTP service instrumented as a micrometer application is: every request to {@code /work} is timed as
 * {@code http.server.requests} with {@code method}, {@code uri}, {@code status} and {@code outcome} tags and a
 * percentile histogram; {@code /metrics} serves the Prometheus text format for scraping. The test sets the share of
 * requests that answer 500, and can send it steady load.
 */
final class InstrumentedService implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger failingPercent = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "instrumented-service-load");
        thread.setDaemon(true);
        return thread;
    });

    private InstrumentedService(HttpServer server) {
        this.server = server;
        server.createContext("/work", this::work);
        server.createContext("/metrics", this::metrics);
        server.start();
    }

    /** Starts the service on a free port of 127.0.0.1. */
    static InstrumentedService start() {
        try {
            return new InstrumentedService(HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"),
                    0), 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** E.g. {@code 127.0.0.1:41234}, as a scrape target. */
    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, this share of the requests answers 500 (spread evenly). */
    void failPercent(int percent) {
        failingPercent.set(percent);
    }

    /** Sends {@code GET /work} once per {@code period} until closed. */
    void sendLoad(Duration period) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + hostPort() + "/work"))
                .timeout(Duration.ofSeconds(2)).build();
        load.scheduleAtFixedRate(() -> {
            try {
                client.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // the next request tries again; the test judges what reached the service
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void work(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int status = requests.getAndIncrement() % 100 < failingPercent.get() ? 500 : 200;
        byte[] body = (status == 200 ? "ok" : "failed").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        Timer.builder("http.server.requests")
                .tag("method", "GET")
                .tag("uri", "/work")
                .tag("status", Integer.toString(status))
                .tag("outcome", status >= 500 ? "SERVER_ERROR" : "SUCCESS")
                .tag("exception", "none")
                .publishPercentileHistogram()
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private void metrics(HttpExchange exchange) throws IOException {
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", TextFormat.CONTENT_TYPE_004);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        load.shutdownNow();
        server.stop(0);
    }
}
