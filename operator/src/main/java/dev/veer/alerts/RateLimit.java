package dev.veer.alerts;

import java.util.function.LongSupplier;

/** A token bucket: {@code perSecond} requests a second on average, bursts of up to {@code burst}. */
final class RateLimit {

    private final double perNano;
    private final int burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    RateLimit(double perSecond, int burst, LongSupplier nanoTime) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
