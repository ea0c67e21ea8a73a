package dev.veer.testing.servers;

import static dev.veer.testing.servers.EtcdServerTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.Client;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EtcdServerExtension#perTest()}: every test gets its own, empty etcd. */
class EtcdServerPerTestScopeTest {

    @RegisterExtension
    static final EtcdServerExtension etcd = EtcdServerExtension.perTest();

    private static URI previousEndpoint;

    @RepeatedTest(2)
    void everyTestStartsWithAnEmptyEtcd() throws Exception {
        assertThat(etcd.endpoint()).isNotEqualTo(previousEndpoint);
        previousEndpoint = etcd.endpoint();
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            assertThat(client.getKVClient().get(bytes("/veer/leftover")).get(10, TimeUnit.SECONDS).getKvs()).isEmpty();

            client.getKVClient().put(bytes("/veer/leftover"), bytes("from an earlier test")).get(10, TimeUnit.SECONDS);
        }
    }
}
