package io.linkguard.agent.emulator;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * What one direction of the emulated link does to packets: a fixed delay, jitter,
 * random loss, a blackhole switch and a flapping schedule. Immutable; the relay
 * reads the current value once per packet, the control thread swaps in a new one.
 * Pure: time and randomness are passed in.
 *
 * @param delayNanos      added to every packet's transit
 * @param jitterNanos     the half-width (uniform) or standard deviation (normal) of a random
 *                        addition to the delay; the sum is clamped at zero
 * @param jitterShape     how the jitter is distributed
 * @param preserveOrder   a packet never leaves before one that entered earlier (as on one wire);
 *                        when false, jitter reorders packets
 * @param lossProbability chance in [0, 1] that a packet is dropped on entry
 * @param blackhole       drop everything, including packets already in flight
 * @param flap            a schedule of down phases (which also drop in-flight packets)
 */
record Impairment(long delayNanos, long jitterNanos, JitterShape jitterShape, boolean preserveOrder,
                  double lossProbability, boolean blackhole, Flap flap) {
    /** A perfect link. */
    static final Impairment NONE = new Impairment(0, 0, JitterShape.UNIFORM, true, 0, false, Flap.NONE);

    Impairment {
        if (delayNanos < 0 || jitterNanos < 0) {
            throw new IllegalArgumentException("delay " + delayNanos + " ns, jitter " + jitterNanos
                    + " ns (expected: not negative)");
        }
        if (!(lossProbability >= 0 && lossProbability <= 1)) {
            throw new IllegalArgumentException("loss " + lossProbability + " (expected: 0 to 1)");
        }
    }

    Impairment withDelay(Duration delay) {
        return new Impairment(delay.toNanos(), jitterNanos, jitterShape, preserveOrder, lossProbability, blackhole,
                flap);
    }

    Impairment withJitter(Duration jitter, JitterShape shape, boolean inOrder) {
        return new Impairment(delayNanos, jitter.toNanos(), shape, inOrder, lossProbability, blackhole, flap);
    }

    Impairment withLoss(double probability) {
        return new Impairment(delayNanos, jitterNanos, jitterShape, preserveOrder, probability, blackhole, flap);
    }

    Impairment withBlackhole(boolean on) {
        return new Impairment(delayNanos, jitterNanos, jitterShape, preserveOrder, lossProbability, on, flap);
    }

    Impairment withFlap(Flap schedule) {
        return new Impairment(delayNanos, jitterNanos, jitterShape, preserveOrder, lossProbability, blackhole,
                schedule);
    }

    /** Why a packet entering now is dropped, or null when it goes on into the delay line. */
    DropReason atIngress(long nowNanos, RandomGenerator random) {
        DropReason down = atEgress(nowNanos);
        if (down != null) {
            return down;
        }
        if (lossProbability > 0 && random.nextDouble() < lossProbability) {
            return DropReason.LOSS;
        }
        return null;
    }

    /** Why a packet due to leave now is dropped (the link went down while it was in flight), or null. */
    DropReason atEgress(long nowNanos) {
        if (blackhole) {
            return DropReason.BLACKHOLE;
        }
        if (flap.isDown(nowNanos)) {
            return DropReason.FLAP;
        }
        return null;
    }

    /**
     * When a packet entering at {@code nowNanos} is due to leave.
     *
     * @param lastDueNanos the due time of the previous packet in this direction (for order)
     */
    long dueNanos(long nowNanos, long lastDueNanos, RandomGenerator random) {
        long transit = delayNanos + jitterSample(random);
        long due = nowNanos + Math.max(0, transit);
        if (preserveOrder && due - lastDueNanos < 0) {
            return lastDueNanos;
        }
        return due;
    }

    private long jitterSample(RandomGenerator random) {
        if (jitterNanos == 0) {
            return 0;
        }
        return switch (jitterShape) {
            case UNIFORM -> random.nextLong(-jitterNanos, jitterNanos + 1);
            case NORMAL -> Math.round(random.nextGaussian() * jitterNanos);
        };
    }
}
