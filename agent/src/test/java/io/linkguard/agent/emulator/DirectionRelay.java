package io.linkguard.agent.emulator;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * One direction of the emulated link: a reader thread takes packets from the sending
 * side's TUN device, applies the current {@link Impairment} (drop, or a due time) and
 * queues them on a {@link DelayLine}, whose sender writes them to the receiving side's
 * TUN device. Every packet read is either relayed or counted under a {@link DropReason}.
 */
final class DirectionRelay {
    /** How long a reader waits in poll before re-checking for shutdown. */
    static final int READ_POLL_MILLIS = 200;
    static final int DELAY_LINE_CAPACITY = 50_000;
    /** A packet this late is logged (at most once a second per direction): the host or the JVM stalled the relay. */
    static final long LATE_LOG_NANOS = 1_000_000;
    static final long LATE_LOG_INTERVAL_NANOS = 1_000_000_000;

    private final Direction direction;
    private final TunDevice from;
    private final TunDevice to;
    private final LongSupplier clock = System::nanoTime;
    private final RandomGenerator random;
    private final PrintStream log;
    private final DelayLine line;
    private final Thread reader;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLongArray dropped = new AtomicLongArray(DropReason.values().length);
    private final AtomicLong lateMaxNanos = new AtomicLong();
    private final AtomicLong lateTotalNanos = new AtomicLong();
    /** Only the control thread writes it; the reader and sender read it once per packet. */
    private volatile Impairment impairment = Impairment.NONE;
    private volatile boolean running = true;
    /** Reader thread only. */
    private long lastDueNanos;
    /** Sender thread only. */
    private long lastLateLogNanos;
    /** Sender thread only. */
    private final MemorySegment writeBuffer = Arena.ofAuto().allocate(TunDevice.MAX_PACKET_BYTES, 8);

    /**
     * @param realtimePriority SCHED_FIFO priority for the sender (the reader gets one more), 0 for none
     */
    DirectionRelay(Direction direction, TunDevice from, TunDevice to, long seed, int realtimePriority,
                   PrintStream log) {
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.lastDueNanos = clock.getAsLong();
        this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        this.log = log;
        this.line = new DelayLine("emu-send-" + direction.wire, DELAY_LINE_CAPACITY, DelayLine.DEFAULT_SPIN_NANOS,
                clock, this::deliver, () -> realtime(realtimePriority));
        this.reader = Thread.ofPlatform().name("emu-read-" + direction.wire).daemon().unstarted(() -> {
            realtime(realtimePriority == 0 ? 0 : realtimePriority + 1);
            readLoop();
        });
    }

    private void realtime(int priority) {
        if (priority <= 0) {
            return;
        }
        try {
            NativeCalls.setFifo(priority);
        } catch (NativeCalls.NativeException e) {
            log.println("warning: " + Thread.currentThread().getName() + " stays SCHED_OTHER: " + e.getMessage());
        }
    }

    void start() {
        line.start();
        reader.start();
    }

    void update(UnaryOperator<Impairment> change) {
        impairment = change.apply(impairment);
    }

    Impairment impairment() {
        return impairment;
    }

    private void readLoop() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(TunDevice.MAX_PACKET_BYTES, 8);
            MemorySegment pollfd = from.newPollFd(arena);
            while (running) {
                int length = from.receive(pollfd, buffer, READ_POLL_MILLIS);
                if (length == 0) {
                    continue;
                }
                long now = clock.getAsLong();
                received.incrementAndGet();
                Impairment current = impairment;
                DropReason drop = current.atIngress(now, random);
                if (drop != null) {
                    dropped.incrementAndGet(drop.ordinal());
                    continue;
                }
                long due = current.dueNanos(now, lastDueNanos, random);
                if (due - lastDueNanos > 0) {
                    lastDueNanos = due;
                }
                byte[] packet = buffer.asSlice(0, length).toArray(JAVA_BYTE);
                if (!line.offer(packet, due)) {
                    dropped.incrementAndGet(DropReason.OVERFLOW.ordinal());
                }
            }
        } catch (NativeCalls.NativeException | RuntimeException e) {
            if (running) {
                log.println("error: reader " + direction.wire + " stopped: " + e);
            }
        }
    }

    /** On the delay line's sender thread, at the packet's due time. */
    private void deliver(DelayLine.Packet packet, long nowNanos) {
        DropReason drop = impairment.atEgress(nowNanos);
        if (drop != null) {
            dropped.incrementAndGet(drop.ordinal());
            return;
        }
        byte[] bytes = packet.bytes();
        MemorySegment.copy(bytes, 0, writeBuffer, JAVA_BYTE, 0, bytes.length);
        int errno = to.send(writeBuffer, bytes.length);
        if (errno != 0) {
            dropped.incrementAndGet(DropReason.WRITE_ERROR.ordinal());
            return;
        }
        relayed.incrementAndGet();
        long late = nowNanos - packet.dueNanos();
        lateTotalNanos.addAndGet(late);
        lateMaxNanos.accumulateAndGet(late, Math::max);
        if (late > LATE_LOG_NANOS && nowNanos - lastLateLogNanos > LATE_LOG_INTERVAL_NANOS) {
            lastLateLogNanos = nowNanos;
            log.printf("warning: %s packet left %d us late (%d in flight) at %d ns%n", direction.wire, late / 1000,
                    line.size(), nowNanos);
        }
    }

    LinkStats.DirectionStats stats() {
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            drops.put(r, dropped.get(r.ordinal()));
        }
        return new LinkStats.DirectionStats(received.get(), relayed.get(), drops, line.size(), lateMaxNanos.get(),
                lateTotalNanos.get());
    }

    /** Stops both threads, waiting at most about {@code waitMillis} for each. */
    void stop(long waitMillis) throws InterruptedException {
        running = false;
        line.stop(waitMillis);
        reader.join(waitMillis);
    }
}
