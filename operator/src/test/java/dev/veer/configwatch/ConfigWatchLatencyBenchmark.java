package dev.veer.configwatch;

import static dev.veer.configwatch.ConfigWatchFixtures.bytes;
import static dev.veer.configwatch.ConfigWatchFixtures.etcd;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.ConfigWatch;
import dev.veer.common.EventRecorder;
import dev.veer.common.ResourceWriter;
import dev.veer.sandbox.MockCluster;
import dev.veer.testing.servers.EtcdServerExtension;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.javaoperatorsdk.operator.Operator;

/**
 * Benchmark (not a test: it asserts nothing and is run only with
 * {@code ./mvnw -pl operator test -Pbenchmark -Dtest=ConfigWatchLatencyBenchmark}).
 *
 * <p>The ConfigWatch controller in a hand-wired JOSDK operator on the mock API server, reading a real etcd:
 * <ol>
 * <li>etcd put to the stable ConfigMap holding the new value, over N sequential changes (default 1,000;
 * {@code -Dveer.benchmark.changes}), debounce 0; next to the floor measured in the same run: jetcd put to watch
 * event alone, and that plus one ConfigMap update on the API server;</li>
 * <li>K keys under one prefix (default 1,000; {@code -Dveer.benchmark.keys}): time from creating the ConfigWatch to
 * the first complete ConfigMap.</li>
 * </ol>
 */
class ConfigWatchLatencyBenchmark {

    @RegisterExtension
    static final EtcdServerExtension etcd = new EtcdServerExtension();

    @Test
    void putToConfigMapAgainstTheFloor() throws Exception {
        int changes = Integer.getInteger("veer.benchmark.changes", 1000);
        int keys = Integer.getInteger("veer.benchmark.keys", 1000);
        try (MockCluster cluster = MockCluster.start()
                .installCrds(Path.of(System.getProperty("veer.crds.dir", "../crds")));
                Client kv = Client.builder().endpoints(etcd.endpoint()).build()) {
            KubernetesClient client = cluster.client();
            client.getKubernetesSerialization().registerKubernetesResource(ConfigWatch.class);
            ConfigWatchFixtures fixtures = new ConfigWatchFixtures(client);
            Operator operator = start(client);
            try {
                long[] floorEvent = new long[changes];
                long[] floorEventAndWrite = new long[changes];
                floor(kv, client, fixtures.namespace, floorEvent, floorEventAndWrite);
                long[] endToEnd = endToEnd(kv, client, fixtures, changes);
                long manyKeys = manyKeys(kv, client, fixtures, keys);

                System.out.printf("%nConfigWatch latency, %d sequential changes (ms)%n", changes);
                System.out.printf("  %-44s p50 %7.2f  p99 %7.2f%n", "floor: jetcd put -> watch event",
                        ms(floorEvent, 50), ms(floorEvent, 99));
                System.out.printf("  %-44s p50 %7.2f  p99 %7.2f%n", "floor: put -> event -> one ConfigMap update",
                        ms(floorEventAndWrite, 50), ms(floorEventAndWrite, 99));
                System.out.printf("  %-44s p50 %7.2f  p99 %7.2f%n", "Veer: put -> stable ConfigMap updated",
                        ms(endToEnd, 50), ms(endToEnd, 99));
                System.out.printf("  %-44s p50 %7.1fx p99 %7.1fx%n", "Veer / floor with write",
                        ms(endToEnd, 50) / ms(floorEventAndWrite, 50), ms(endToEnd, 99) / ms(floorEventAndWrite, 99));
                System.out.printf("%d keys under one prefix: ConfigWatch created -> complete ConfigMap %d ms%n%n",
                        keys, manyKeys);
            } finally {
                operator.stop();
                fixtures.close();
            }
        }
    }

    private static Operator start(KubernetesClient client) {
        Clock clock = Clock.systemUTC();
        ResourceWriter writer = new ResourceWriter(client, false);
        var reconciler = new ConfigWatchReconciler(new ConfigWatchObserver(client),
                new ConfigWatchExecutor(client, writer, clock), new EventRecorder(client, clock), writer,
                new ConfigWatchMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), clock);
        Operator operator = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false));
        operator.register(reconciler);
        operator.start();
        return operator;
    }

    /** jetcd put to watch event, then that plus one ConfigMap update, each change after the previous one. */
    private static void floor(Client kv, KubernetesClient client, String namespace, long[] event, long[] withWrite)
            throws Exception {
        Map<String, CompletableFuture<Long>> seen = new ConcurrentHashMap<>();
        ConfigMap map = client.resource(new ConfigMapBuilder().withNewMetadata().withName("floor")
                .withNamespace(namespace).endMetadata().addToData("v", "-").build()).create();
        long start = kv.getKVClient().get(bytes("/floor/v")).get(10, TimeUnit.SECONDS).getHeader().getRevision();
        try (Watch.Watcher watcher = kv.getWatchClient().watch(bytes("/floor/"),
                WatchOption.builder().isPrefix(true).withRevision(start + 1).build(),
                response -> response.getEvents().forEach(e -> seen.computeIfAbsent(
                        e.getKeyValue().getValue().toString(StandardCharsets.UTF_8), v -> new CompletableFuture<>())
                        .complete(System.nanoTime())))) {
            for (int i = 0; i < event.length; i++) {
                String value = String.valueOf(i);
                CompletableFuture<Long> arrived = seen.computeIfAbsent(value, v -> new CompletableFuture<>());
                long t0 = System.nanoTime();
                kv.getKVClient().put(bytes("/floor/v"), bytes(value));
                long t1 = arrived.get(10, TimeUnit.SECONDS);
                map.getData().put("v", value);
                map = client.configMaps().inNamespace(namespace).resource(map).update();
                long t2 = System.nanoTime();
                event[i] = t1 - t0;
                withWrite[i] = t2 - t0;
            }
        }
    }

    /** etcd put to the stable ConfigMap holding the value, with debounce 0. */
    private static long[] endToEnd(Client kv, KubernetesClient client, ConfigWatchFixtures fixtures, int changes)
            throws Exception {
        Map<String, CompletableFuture<Long>> seen = new ConcurrentHashMap<>();
        kv.getKVClient().put(bytes("/latency/v"), bytes("start")).get(10, TimeUnit.SECONDS);
        try (var watch = client.configMaps().inNamespace(fixtures.namespace).withName("latency")
                .watch(new Watcher<ConfigMap>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap resource) {
                        String value = resource.getData() == null ? null : resource.getData().get("v");
                        if (value != null) {
                            seen.computeIfAbsent(value, v -> new CompletableFuture<>()).complete(System.nanoTime());
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                })) {
            CompletableFuture<Long> started = seen.computeIfAbsent("start", v -> new CompletableFuture<>());
            fixtures.create("latency", etcd(etcd.endpoint(), "/latency/", null), "latency", "historyLimit: 1");
            started.get(60, TimeUnit.SECONDS);
            long[] latencies = new long[changes];
            for (int i = 0; i < changes; i++) {
                String value = String.valueOf(i);
                CompletableFuture<Long> arrived = seen.computeIfAbsent(value, v -> new CompletableFuture<>());
                long t0 = System.nanoTime();
                kv.getKVClient().put(bytes("/latency/v"), bytes(value));
                latencies[i] = arrived.get(30, TimeUnit.SECONDS) - t0;
            }
            return latencies;
        }
    }

    /** Time from creating a ConfigWatch of {@code keys} keys to the first ConfigMap holding them all. */
    private static long manyKeys(Client kv, KubernetesClient client, ConfigWatchFixtures fixtures, int keys)
            throws Exception {
        for (int i = 0; i < keys; i++) {
            kv.getKVClient().put(bytes("/many/key-" + i), bytes("value-" + i)).get(10, TimeUnit.SECONDS);
        }
        CompletableFuture<Long> complete = new CompletableFuture<>();
        try (var watch = client.configMaps().inNamespace(fixtures.namespace).withName("many")
                .watch(new Watcher<ConfigMap>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap resource) {
                        if (resource.getData() != null && resource.getData().size() == keys) {
                            complete.complete(System.nanoTime());
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                })) {
            long t0 = System.nanoTime();
            fixtures.create("many", etcd(etcd.endpoint(), "/many/", null), "many", "");
            return Duration.ofNanos(complete.get(60, TimeUnit.SECONDS) - t0).toMillis();
        }
    }

    private static double ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
