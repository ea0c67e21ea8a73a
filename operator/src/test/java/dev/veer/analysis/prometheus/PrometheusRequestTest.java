package dev.veer.analysis.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import dev.veer.analysis.MeasurementException;
import dev.veer.api.HttpHeader;
import dev.veer.api.PrometheusProviderSpec;

/** The query request Veer sends, inspected without sending it. */
class PrometheusRequestTest {

    @Test
    void queryIsPostedAsAFormToTheQueryEndpointWithTheMetricsTimeout() throws Exception {
        HttpRequest request = PrometheusMetricProvider.request(spec("http://prometheus:9090", "sum(rate(x[1m])) > 0"),
                Duration.ofSeconds(7), PrometheusCredentials.NONE);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo(URI.create("http://prometheus:9090/api/v1/query"));
        assertThat(request.timeout()).contains(Duration.ofSeconds(7));
        assertThat(request.headers().firstValue("Content-Type")).contains("application/x-www-form-urlencoded");
        assertThat(request.headers().firstValue("Authorization")).isEmpty();
        assertThat(body(request)).isEqualTo("query=sum%28rate%28x%5B1m%5D%29%29+%3E+0&timeout=7000ms");
    }

    @Test
    void addressWithAPathPrefixKeepsItsPath() throws Exception {
        assertThat(PrometheusMetricProvider.queryUri("https://mimir.example/prometheus/"))
                .isEqualTo(URI.create("https://mimir.example/prometheus/api/v1/query"));
    }

    @Test
    void bearerTokenAndExtraHeadersAreSent() throws Exception {
        PrometheusProviderSpec spec = spec("http://prometheus:9090", "up");
        spec.setHeaders(List.of(new HttpHeader("X-Scope-OrgID", "shop")));

        HttpRequest request = PrometheusMetricProvider.request(spec, Duration.ofSeconds(10),
                new PrometheusCredentials.Bearer("t0k3n"));

        assertThat(request.headers().firstValue("Authorization")).contains("Bearer t0k3n");
        assertThat(request.headers().firstValue("X-Scope-OrgID")).contains("shop");
    }

    @Test
    void basicCredentialsAreSentAsTheBasicScheme() throws Exception {
        HttpRequest request = PrometheusMetricProvider.request(spec("http://prometheus:9090", "up"),
                Duration.ofSeconds(10), new PrometheusCredentials.Basic("veer", "s3cret"));

        assertThat(request.headers().firstValue("Authorization")).contains("Basic dmVlcjpzM2NyZXQ=");
    }

    @Test
    void credentialsNeverShowInTheirTextForm() {
        assertThat(new PrometheusCredentials.Bearer("t0k3n")).hasToString("Bearer[redacted]");
        assertThat(new PrometheusCredentials.Basic("veer", "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void addressThatIsNotAnHttpUrlIsAMeasurementError() {
        assertThatThrownBy(() -> PrometheusMetricProvider.request(spec("prometheus:9090", "up"),
                Duration.ofSeconds(10), PrometheusCredentials.NONE))
                .isInstanceOf(MeasurementException.class)
                .hasMessageStartingWith("address 'prometheus:9090' is not a usable URL");
    }

    @Test
    void headerTheHttpClientForbidsIsAMeasurementError() {
        PrometheusProviderSpec spec = spec("http://prometheus:9090", "up");
        spec.setHeaders(List.of(new HttpHeader("Host", "elsewhere")));
        assertThatThrownBy(() -> PrometheusMetricProvider.request(spec, Duration.ofSeconds(10),
                PrometheusCredentials.NONE)).isInstanceOf(MeasurementException.class)
                .hasMessageStartingWith("header Host cannot be sent");
    }

    private static PrometheusProviderSpec spec(String address, String query) {
        var spec = new PrometheusProviderSpec();
        spec.setAddress(address);
        spec.setQuery(query);
        return spec;
    }

    private static String body(HttpRequest request) throws Exception {
        CompletableFuture<String> body = new CompletableFuture<>();
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<ByteBuffer>() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                text.append(StandardCharsets.UTF_8.decode(item));
            }

            @Override
            public void onError(Throwable throwable) {
                body.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                body.complete(text.toString());
            }
        });
        return body.get();
    }
}
