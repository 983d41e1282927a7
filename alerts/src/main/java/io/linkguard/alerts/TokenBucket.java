package io.linkguard.alerts;

/**
 * A token bucket: up to {@code capacity} requests back to back, refilled at {@code tokens} per
 * {@code periodNanos}. Over any interval of length T at most {@code capacity + rate × T} requests pass.
 * Pure: the caller passes a monotonic time. Used by one thread.
 */
final class TokenBucket {
    private final int capacity;
    /** Nanoseconds per token. */
    private final double nanosPerToken;
    private double available;
    private long updatedNanos;

    TokenBucket(int capacity, int tokens, long periodNanos, long nowNanos) {
        if (capacity < 1 || tokens < 1 || periodNanos < 1) {
            throw new IllegalArgumentException("bucket parameters must be positive");
        }
        this.capacity = capacity;
        this.nanosPerToken = (double) periodNanos / tokens;
        this.available = capacity;
        this.updatedNanos = nowNanos;
    }

    /** Takes a token if one is available now. */
    boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (available >= 1) {
            available -= 1;
            return true;
        }
        return false;
    }

    /** Whether {@link #tryTake} would succeed now, without taking. */
    boolean hasToken(long nowNanos) {
        refill(nowNanos);
        return available >= 1;
    }

    /** Nanoseconds until a token is available: 0 if one is now. */
    long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        return available >= 1 ? 0 : (long) Math.ceil((1 - available) * nanosPerToken);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updatedNanos;
        if (elapsed > 0) {
            available = Math.min(capacity, available + elapsed / nanosPerToken);
            updatedNanos = nowNanos;
        }
    }
}
