package io.linkguard.probes.icmp;

import io.linkguard.probes.FailureReason;
import io.linkguard.probes.Outcome;
import io.linkguard.probes.PathBinding;
import io.linkguard.probes.Probe;
import io.linkguard.probes.ProbeKind;
import io.linkguard.probes.ProbeListener;
import io.linkguard.probes.ProbeResult;
import io.linkguard.probes.ProbeStats;
import io.linkguard.probes.net.ExtendedError;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.RealtimeClock;
import io.linkguard.probes.sched.ProbeScheduler;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A continuous ICMP echo stream to one target. RTT is the kernel receive
 * timestamp (SO_TIMESTAMPNS) minus a CLOCK_REALTIME stamp taken just before
 * sendto, the way ping(8) measures it; timeouts run on the monotonic clock,
 * and a reply across a step of the wall clock is dropped as
 * {@link IcmpDropReason#CLOCK_STEP} (see {@link EchoTracker}).
 */
public final class IcmpEchoProbe implements Probe {
    private final IcmpEngine engine;
    private final String link;
    private final InetAddress target;
    private final InetSocketAddress destination;
    private final PathBinding binding;
    private final IcmpEchoSettings settings;
    private final ProbeListener listener;
    private final ProbeScheduler scheduler;
    private final RandomGenerator random;
    private final ProbeStats stats;
    private final EchoTracker tracker;
    private final ByteBuffer packet;
    private final String targetLabel;
    private IcmpSocket socket;
    private int identifier;
    private int nextSequence;
    private ProbeScheduler.Cancellable ticking;
    private volatile ExtendedError lastError;
    private long remaining = Long.MAX_VALUE;
    private int firstSequence;

    IcmpEchoProbe(IcmpEngine engine, String link, InetAddress target, PathBinding binding, IcmpEchoSettings settings,
                  ProbeListener listener, ProbeScheduler scheduler, RandomGenerator random) {
        this.engine = engine;
        this.link = link;
        this.target = target;
        this.destination = new InetSocketAddress(target, 0);
        this.binding = binding;
        this.settings = settings;
        this.listener = listener;
        this.scheduler = scheduler;
        this.random = random;
        this.stats = new ProbeStats(settings.windowSize());
        this.tracker = new EchoTracker(settings.timeout().toNanos(), settings.interval().toNanos());
        this.packet = ByteBuffer.allocate(IcmpCodec.ECHO_HEADER_BYTES + settings.payloadBytes());
        this.targetLabel = io.linkguard.probes.Addresses.format(target);
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.ICMP;
    }

    @Override
    public String link() {
        return link;
    }

    @Override
    public String target() {
        return targetLabel;
    }

    InetAddress targetAddress() {
        return target;
    }

    PathBinding binding() {
        return binding;
    }

    IcmpEchoSettings settings() {
        return settings;
    }

    void assignIdentifier(int id, IcmpSocket s) {
        this.identifier = id;
        this.socket = s;
    }

    @Override
    public synchronized void start() throws NativeSocketException {
        if (ticking != null) {
            return;
        }
        engine.attach(this);
        nextSequence = random.nextInt(1 << 16);
        firstSequence = nextSequence;
        // Spread streams over the interval so a hundred targets do not send in one burst.
        long phase = (long) (random.nextDouble() * settings.interval().toNanos());
        ticking = scheduler.scheduleAtFixedRate(Duration.ofNanos(phase), settings.interval(), this::sendNext);
    }

    /** Runs on the scheduler thread: send one request (its timeout is watched by the receive thread). */
    void sendNext() {
        ProbeResult failed = null;
        int seq;
        long sentAt;
        synchronized (this) {
            if (socket == null || remaining <= 0) {
                return;
            }
            remaining--;
            seq = nextSequence;
            nextSequence = (nextSequence + 1) & 0xffff;
            packet.clear();
            if (socket.isIpv6()) {
                IcmpCodec.encodeEchoRequestV6(identifier, seq, settings.payloadBytes(), packet);
            } else {
                IcmpCodec.encodeEchoRequestV4(identifier, seq, settings.payloadBytes(), packet);
            }
            packet.flip();
            // The tracker needs the slot before the reply can arrive; the stamp is refined after the send.
            sentAt = RealtimeClock.nowNanos();
            tracker.onSent(seq, sentAt, System.nanoTime());
            stats.onSent();
            try {
                long stamped = socket.send(packet, destination);
                if (stamped < 0) {
                    failed = fail(seq, sentAt, FailureReason.SEND_FAILED);
                } else {
                    tracker.refineSent(seq, stamped);
                }
            } catch (NativeSocketException e) {
                failed = fail(seq, sentAt, switch (e) {
                    case NativeSocketException.Unreachable u -> FailureReason.NETWORK_UNREACHABLE;
                    case NativeSocketException.MessageTooLong m -> FailureReason.PACKET_TOO_BIG;
                    case NativeSocketException.PermissionDenied p -> FailureReason.PERMISSION_DENIED;
                    default -> FailureReason.SEND_FAILED;
                });
            }
        }
        if (failed != null) {
            emit(failed);
        }
    }

    private ProbeResult fail(int seq, long sentAt, FailureReason reason) {
        tracker.onError(seq);
        return new ProbeResult(link, ProbeKind.ICMP, targetLabel, seq, Outcome.FAILED, reason, -1, sentAt);
    }

    /**
     * Called by the receive thread: times out what is due and returns the
     * next deadline (monotonic ns, System.nanoTime), so that thread can sleep exactly until
     * then. Timeouts need no timer task of their own: one wakeup per request saved.
     */
    synchronized long expireAndNextDeadline(long nowMonoNanos) {
        tracker.expire(nowMonoNanos, seq -> emit(new ProbeResult(link, ProbeKind.ICMP, targetLabel, seq,
                Outcome.TIMEOUT, FailureReason.TIMEOUT, -1, tracker.sentEpochNanos((int) seq))));
        return tracker.nextDeadline();
    }

    /**
     * Called by the receive thread. Returns why the reply was dropped
     * (UNKNOWN_SEQUENCE: not one we sent; CLOCK_STEP), or null if it was reported.
     */
    IcmpDropReason onReply(int sequence, long kernelReceiveNanos) {
        long nowMono = System.nanoTime();
        long nowReal = RealtimeClock.nowNanos();
        long rx = kernelReceiveNanos > 0 ? kernelReceiveNanos : nowReal;
        ProbeResult r;
        synchronized (this) {
            EchoTracker.Match m = tracker.onReply(sequence, rx, nowReal, nowMono);
            Outcome outcome = switch (m) {
                case SUCCESS -> Outcome.SUCCESS;
                case DUPLICATE -> Outcome.DUPLICATE;
                case LATE -> Outcome.LATE;
                default -> null;
            };
            if (m == EchoTracker.Match.CLOCK_STEP) {
                return IcmpDropReason.CLOCK_STEP;
            }
            if (outcome == null) {
                return IcmpDropReason.UNKNOWN_SEQUENCE;
            }
            r = new ProbeResult(link, ProbeKind.ICMP, targetLabel, sequence, outcome, FailureReason.NONE,
                    tracker.lastRttNanos(), tracker.sentEpochNanos(sequence));
        }
        emit(r);
        return null;
    }

    /** Called by the receive thread for an ICMP error quoting one of our requests. */
    void onError(int sequence, FailureReason reason, ExtendedError error) {
        ProbeResult r = null;
        synchronized (this) {
            if (tracker.onError(sequence) == EchoTracker.Match.FAILED) {
                lastError = error;
                r = new ProbeResult(link, ProbeKind.ICMP, targetLabel, sequence, Outcome.FAILED, reason, -1,
                        tracker.sentEpochNanos(sequence));
            }
        }
        if (r != null) {
            emit(r);
        }
    }

    /** Stop after {@code count} requests (ping -c). Call before {@link #start()}. */
    public synchronized void limitCount(long count) {
        remaining = count;
    }

    /** The sequence number of the first request, so a one-shot ping can number replies from 1. */
    public synchronized int firstSequence() {
        return firstSequence;
    }

    /** The last ICMP error about this stream (with the offending router), or null. */
    public ExtendedError lastError() {
        return lastError;
    }

    private void emit(ProbeResult r) {
        stats.record(r);
        listener.onResult(r);
    }

    @Override
    public ProbeStats.Snapshot stats() {
        return stats.snapshot();
    }

    @Override
    public synchronized void close() {
        if (ticking != null) {
            ticking.cancel();
            ticking = null;
        }
        if (socket != null) {
            engine.detach(this, socket, identifier);
            socket = null;
        }
    }
}
