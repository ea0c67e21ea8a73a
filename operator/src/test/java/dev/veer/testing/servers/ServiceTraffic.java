package dev.veer.testing.servers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * The series a micrometer-instrumented HTTP service exports ({@code http_server_requests_seconds_count} by status and
 * {@code http_server_requests_seconds_bucket} by {@code le}), pushed into a real Prometheus through remote write every
 * {@value #PERIOD_MILLIS} ms, as if scraped from the pods behind one Service. The test sets the error ratio and the
 * latency of the requests; Prometheus computes the rates and quantiles the analyses query.
 *
 * <p>Counters only grow, as micrometer's do: each push adds {@value #REQUESTS_PER_PUSH} requests, of which the error
 * ratio answer 500, all taking the set latency.
 */
public final class ServiceTraffic implements AutoCloseable {

    static final long PERIOD_MILLIS = 500;
    static final int REQUESTS_PER_PUSH = 100;
    private static final double[] BUCKETS = { 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5 };

    private final PrometheusClient prometheus;
    private final Map<String, String> labels;
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "service-traffic");
        thread.setDaemon(true);
        return thread;
    });
    private volatile double errorRatio;
    private volatile double latencySeconds = 0.02;
    private double ok;
    private double errors;
    private final double[] bucketCounts = new double[BUCKETS.length + 1];
    private long lastPush;
    private volatile RuntimeException lastError;

    private ServiceTraffic(PrometheusClient prometheus, String namespace, String service) {
        this.prometheus = prometheus;
        this.labels = Map.of("namespace", namespace, "service", service, "uri", "/orders", "method", "GET");
    }

    /** Starts pushing the traffic of {@code service} in {@code namespace}: no errors, 20 ms per request. */
    public static ServiceTraffic start(PrometheusClient prometheus, String namespace, String service) {
        ServiceTraffic traffic = new ServiceTraffic(prometheus, namespace, service);
        traffic.pusher.scheduleAtFixedRate(traffic::pushSafely, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return traffic;
    }

    /**
     * Waits until Prometheus has a rate of the traffic (two samples in a 10 s window), so that an analysis started
     * from now on finds data.
     */
    public ServiceTraffic awaitRate() {
        String rate = query("rate(http_server_requests_seconds_count{namespace=\"{{args.namespace}}\","
                + "service=\"{{args.service}}\"}[{{args.window}}])", "10s");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !prometheus.query(rate).series().isEmpty());
        return this;
    }

    /**
     * A query of a built-in template ({@code BuiltinTemplates.ERROR_RATE_QUERY}, ...) for this service: its args
     * {@code namespace}, {@code service} and {@code window} filled, as an analysis of this service would send it.
     */
    public String query(String template, String window) {
        return template.replace("{{args.namespace}}", labels.get("namespace"))
                .replace("{{args.service}}", labels.get("service")).replace("{{args.window}}", window);
    }

    /** From now on, this share of requests answers 500. */
    public ServiceTraffic errorRatio(double ratio) {
        this.errorRatio = ratio;
        return this;
    }

    /** From now on, every request takes this long. */
    public ServiceTraffic latencySeconds(double seconds) {
        this.latencySeconds = seconds;
        return this;
    }

    private void pushSafely() {
        try {
            push();
            lastError = null;
        } catch (RuntimeException e) {
            // A stopped Prometheus (a test may stop its own) refuses pushes: the next one tries again.
            lastError = e;
        }
    }

    /** Why the last push failed; null when it succeeded. */
    public RuntimeException lastError() {
        return lastError;
    }

    private synchronized void push() {
        long now = Math.max(System.currentTimeMillis(), lastPush + 1);
        lastPush = now;
        double failed = REQUESTS_PER_PUSH * errorRatio;
        errors += failed;
        ok += REQUESTS_PER_PUSH - failed;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (latencySeconds <= BUCKETS[i]) {
                bucketCounts[i] += REQUESTS_PER_PUSH;
            }
        }
        bucketCounts[BUCKETS.length] += REQUESTS_PER_PUSH;

        List<Series> series = new ArrayList<>();
        series.add(series("http_server_requests_seconds_count", Map.of("status", "200", "outcome", "SUCCESS"), ok,
                now));
        series.add(series("http_server_requests_seconds_count", Map.of("status", "500", "outcome", "SERVER_ERROR"),
                errors, now));
        for (int i = 0; i <= BUCKETS.length; i++) {
            String le = i == BUCKETS.length ? "+Inf" : Double.toString(BUCKETS[i]);
            series.add(series("http_server_requests_seconds_bucket", Map.of("le", le), bucketCounts[i], now));
        }
        prometheus.remoteWrite(series);
    }

    private Series series(String name, Map<String, String> extra, double value, long at) {
        Map<String, String> all = new HashMap<>(labels);
        all.putAll(extra);
        return Series.of(name, all, new Sample(at, value));
    }

    @Override
    public void close() {
        pusher.shutdownNow();
    }
}
