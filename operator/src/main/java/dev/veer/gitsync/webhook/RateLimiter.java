package dev.veer.gitsync.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a GitSync): up to {@code burst} requests at once, refilled at {@code perSecond}. A sender
 * that goes over gets 429 rather than a fetch per request.
 */
public final class RateLimiter {

    private final Clock clock;
    private final int burst;
    private final double perSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        Instant last;

        Bucket(double tokens, Instant last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    public RateLimiter(Clock clock, int burst, double perSecond) {
        this.clock = clock;
        this.burst = burst;
        this.perSecond = perSecond;
    }

    /** Takes a token for the key; false when there is none left. */
    public boolean tryAcquire(String key) {
        Instant now = clock.instant();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            double seconds = Math.max(0, Duration.between(bucket.last, now).toNanos() / 1e9);
            bucket.tokens = Math.min(burst, bucket.tokens + seconds * perSecond);
            bucket.last = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }
}
