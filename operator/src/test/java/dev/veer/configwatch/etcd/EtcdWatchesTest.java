package dev.veer.configwatch.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.testing.servers.EtcdServerExtension;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;

/** The prefix watches on a real etcd, without the operator around them. */
class EtcdWatchesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final EtcdServerExtension etcd = new EtcdServerExtension();

    private final List<String> notified = new CopyOnWriteArrayList<>();
    private EtcdWatches<String> watches;
    private Client kv;

    @BeforeEach
    void setUp() {
        watches = new EtcdWatches<>(Clock.systemUTC(), notified::add);
        kv = Client.builder().endpoints(etcd.endpoint()).build();
    }

    @AfterEach
    void tearDown() {
        watches.close();
        kv.close();
    }

    @Test
    void subscribersOfTheSameSourceShareOneWatchWhichClosesWithTheLastOfThem() {
        WatchKey shop = key("/shared/shop/");
        WatchKey sameInOtherOrder = new WatchKey(List.of(etcd.endpoint() + "/", etcd.endpoint().toString()),
                "/shared/shop/", EtcdCredentials.none(), Duration.ofSeconds(2));

        watches.subscribe("a", shop);
        watches.subscribe("b", sameInOtherOrder);
        watches.subscribe("c", key("/shared/cart/"));

        assertThat(watches.openWatches()).containsExactlyInAnyOrder(shop, key("/shared/cart/"));
        watches.unsubscribe("a");
        assertThat(watches.openWatches()).hasSize(2);
        watches.unsubscribe("b");
        assertThat(watches.openWatches()).containsExactly(key("/shared/cart/"));
        watches.subscribe("c", shop);
        assertThat(watches.openWatches()).as("c moved to the shop prefix").containsExactly(shop);
    }

    @Test
    void listsThenWatchesFromTheNextRevisionAndNotifiesEverySubscriber() throws Exception {
        put("/list/a", "1");
        watches.subscribe("a", key("/list/"));
        watches.subscribe("b", key("/list/"));
        await().atMost(WAIT).until(() -> watches.view("a").orElseThrow().listed());
        assertThat(text(watches.view("a").orElseThrow())).isEqualTo(Map.of("a", "1"));
        notified.clear();

        long revision = put("/list/b", "2");
        put("/other/c", "3");

        await().atMost(WAIT).untilAsserted(() -> {
            PrefixView view = watches.view("b").orElseThrow();
            assertThat(text(view)).isEqualTo(Map.of("a", "1", "b", "2"));
            assertThat(view.revision()).isEqualTo(revision);
            assertThat(view.status().isLive()).isTrue();
            assertThat(view.lastChange()).isPresent();
        });
        assertThat(notified).contains("a", "b");
    }

    @Test
    void aPrefixThatCannotBeReachedIsReportedAndRetried() {
        WatchKey nowhere = new WatchKey(List.of("http://127.0.0.1:1"), "/x/", EtcdCredentials.none(),
                Duration.ofMillis(500));

        watches.subscribe("a", nowhere);

        await().atMost(WAIT).untilAsserted(() -> {
            PrefixView view = watches.view("a").orElseThrow();
            assertThat(view.status().phase()).isEqualTo(SourceStatus.Phase.UNREACHABLE);
            assertThat(view.status().message()).contains("127.0.0.1:1");
            assertThat(view.listed()).isFalse();
        });
    }

    private WatchKey key(String prefix) {
        return new WatchKey(List.of(etcd.endpoint().toString()), prefix, EtcdCredentials.none(),
                Duration.ofSeconds(2));
    }

    private long put(String key, String value) throws Exception {
        return kv.getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8),
                ByteSequence.from(value, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS).getHeader().getRevision();
    }

    private static Map<String, String> text(PrefixView view) {
        Map<String, String> text = new TreeMap<>();
        view.entries().forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
        return text;
    }
}
