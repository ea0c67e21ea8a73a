package dev.veer.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real etcd, one for this class, driven through jetcd. */
class EtcdServerTest {

    @RegisterExtension
    static final EtcdServerExtension etcd = new EtcdServerExtension();

    private Client client;

    @BeforeEach
    void connect() {
        client = Client.builder().endpoints(etcd.endpoint()).build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void putThenGet() throws Exception {
        client.getKVClient().put(bytes("/veer/put-get/config"), bytes("replicas=3")).get(10, TimeUnit.SECONDS);

        List<KeyValue> kvs = client.getKVClient().get(bytes("/veer/put-get/config")).get(10, TimeUnit.SECONDS).getKvs();

        assertThat(kvs).singleElement().satisfies(kv -> assertThat(text(kv.getValue())).isEqualTo("replicas=3"));
    }

    @Test
    void watchFromARevisionReplaysEventsWrittenBeforeTheWatchOpened() throws Exception {
        long firstRevision = client.getKVClient().put(bytes("/veer/watch/a"), bytes("1"))
                .get(10, TimeUnit.SECONDS).getHeader().getRevision();
        client.getKVClient().put(bytes("/veer/watch/b"), bytes("2")).get(10, TimeUnit.SECONDS);
        client.getKVClient().put(bytes("/veer/other"), bytes("not watched")).get(10, TimeUnit.SECONDS);
        List<String> events = new CopyOnWriteArrayList<>();

        WatchOption fromFirstRevision = WatchOption.builder().isPrefix(true).withRevision(firstRevision).build();
        try (var watcher = client.getWatchClient().watch(bytes("/veer/watch/"), fromFirstRevision,
                response -> response.getEvents().forEach(event -> events.add(describe(event))))) {
            client.getKVClient().put(bytes("/veer/watch/c"), bytes("3")).get(10, TimeUnit.SECONDS);

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events)
                    .containsExactly("PUT /veer/watch/a=1", "PUT /veer/watch/b=2", "PUT /veer/watch/c=3"));
        }
    }

    @Test
    void dataSurvivesStopAndRestart() throws Exception {
        client.getKVClient().put(bytes("/veer/restart/key"), bytes("kept")).get(10, TimeUnit.SECONDS);

        etcd.stop();

        assertThat(etcd.isRunning()).isFalse();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(etcd.endpoint().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);

        etcd.restart();

        try (Client afterRestart = Client.builder().endpoints(etcd.endpoint()).build()) {
            List<KeyValue> kvs = afterRestart.getKVClient()
                    .get(bytes("/veer/restart/"), GetOption.builder().isPrefix(true).build())
                    .get(10, TimeUnit.SECONDS).getKvs();
            assertThat(kvs).singleElement().satisfies(kv -> assertThat(text(kv.getValue())).isEqualTo("kept"));
        }
    }

    private static String describe(WatchEvent event) {
        return event.getEventType() + " " + text(event.getKeyValue().getKey()) + "="
                + text(event.getKeyValue().getValue());
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    static String text(ByteSequence bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
