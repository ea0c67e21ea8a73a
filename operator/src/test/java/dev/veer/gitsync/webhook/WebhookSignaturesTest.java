package dev.veer.gitsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.veer.api.WebhookSpec.Provider;

class WebhookSignaturesTest {

    private static final byte[] SECRET = "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void gitHubsPublishedExampleSignatureVerifies() {
        // The example of GitHub's documentation on validating webhook deliveries.
        String signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        assertThat(WebhookSignatures.sign(SECRET, BODY)).isEqualTo(signature);
        assertThat(WebhookSignatures.verify(Provider.GitHub, SECRET, BODY,
                Map.of(WebhookSignatures.GITHUB_HEADER, signature)::get)).isTrue();
    }

    @Test
    void aSignatureOfAnotherBodyOrSecretOrMalformedIsRefused() {
        String other = WebhookSignatures.sign(SECRET, "Hello, World?".getBytes(StandardCharsets.UTF_8));
        String otherSecret = WebhookSignatures.sign("guess".getBytes(StandardCharsets.UTF_8), BODY);
        for (String header : new String[] { other, otherSecret, "sha256=zz", "sha1=abc", "" }) {
            assertThat(WebhookSignatures.verify(Provider.GitHub, SECRET, BODY,
                    Map.of(WebhookSignatures.GITHUB_HEADER, header)::get)).as(header).isFalse();
        }
        assertThat(WebhookSignatures.verify(Provider.GitHub, SECRET, BODY, Map.<String, String>of()::get)).isFalse();
    }

    @Test
    void theGenericReceiverReadsItsOwnHeaderAndGitLabComparesTheToken() {
        String signature = WebhookSignatures.sign(SECRET, BODY);
        assertThat(WebhookSignatures.verify(Provider.Generic, SECRET, BODY,
                Map.of(WebhookSignatures.GENERIC_HEADER, signature)::get)).isTrue();
        assertThat(WebhookSignatures.verify(Provider.Generic, SECRET, BODY,
                Map.of(WebhookSignatures.GITHUB_HEADER, signature)::get)).isFalse();
        assertThat(WebhookSignatures.verify(Provider.GitLab, SECRET, BODY,
                Map.of(WebhookSignatures.GITLAB_HEADER, new String(SECRET, StandardCharsets.UTF_8))::get)).isTrue();
        assertThat(WebhookSignatures.verify(Provider.GitLab, SECRET, BODY,
                Map.of(WebhookSignatures.GITLAB_HEADER, "It's a Secret to Everybod")::get)).isFalse();
    }

    @Test
    void theRateLimiterAllowsABurstThenRefillsOverTime() {
        MutableClock clock = new MutableClock();
        RateLimiter limiter = new RateLimiter(clock, 3, 1.0);

        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).as("each GitSync has its own bucket").isTrue();
        clock.advance(Duration.ofMillis(1500));
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
