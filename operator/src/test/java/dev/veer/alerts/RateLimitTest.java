package dev.veer.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void allowsABurstThenTheRatePerSecond() {
        AtomicLong now = new AtomicLong();
        RateLimit limit = new RateLimit(2, 4, now::get);

        for (int i = 0; i < 4; i++) {
            assertThat(limit.tryAcquire()).as("request %d of the burst", i).isTrue();
        }
        assertThat(limit.tryAcquire()).isFalse();
        now.addAndGet(500_000_000L);
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
    }
}
