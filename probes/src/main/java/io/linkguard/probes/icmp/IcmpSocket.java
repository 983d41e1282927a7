package io.linkguard.probes.icmp;

import io.linkguard.probes.FailureReason;
import io.linkguard.probes.PathBinding;
import io.linkguard.probes.net.ExtendedError;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.PollEvents;
import io.linkguard.probes.net.ReceivedMessage;
import io.linkguard.probes.net.Receiver;
import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One raw ICMP socket shared by every echo stream with the same family,
 * path binding, TOS and DF setting; replies are demultiplexed by echo
 * identifier. A dedicated platform thread receives (blocking native calls
 * would pin a virtual thread's carrier).
 *
 * <p>Only echo replies pass the socket's ICMP filter; ICMP errors about our
 * requests come through the error queue (IP_RECVERR), which names the
 * offending router and quotes our request's identifier and sequence.
 */
final class IcmpSocket implements AutoCloseable {
    /** Longest sleep of the receive thread: bounds how long close() waits for it. */
    private static final int POLL_MILLIS = 200;
    private static final int MAX_DATAGRAM = 65_536;
    private static final int DRAIN_BUDGET = 1024;
    /** Socket errors in a row after which the receive loop gives up and halts the process. */
    private static final int MAX_SOCKET_FAILURES = 10;

    private final LinuxSocket socket;
    private final boolean ipv6;
    private final Map<Integer, IcmpEchoProbe> byIdentifier = new ConcurrentHashMap<>();
    private final Map<IcmpDropReason, AtomicLong> drops = new EnumMap<>(IcmpDropReason.class);
    private final Thread receiver;
    private volatile boolean running = true;

    IcmpSocket(LinuxSocket.Family family, PathBinding binding, int tos, boolean dontFragment, String threadName)
            throws NativeSocketException {
        this.ipv6 = family == LinuxSocket.Family.INET6;
        for (IcmpDropReason r : IcmpDropReason.values()) {
            drops.put(r, new AtomicLong());
        }
        LinuxSocket s = LinuxSocket.rawIcmp(family);
        try {
            s.setIcmpFilter(ipv6 ? 129 : 0);
            s.setReceiveTimestamps(true);
            s.setReceiveErrors(true);
            s.setReceiveTtl(true);
            s.setMtuDiscover(dontFragment ? LinuxSocket.PmtuMode.DO : LinuxSocket.PmtuMode.DONT);
            if (tos != 0) {
                s.setTos(tos);
            }
            binding.applyTo(s);
        } catch (NativeSocketException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.socket = s;
        this.receiver = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::receiveLoop);
        this.receiver.start();
    }

    boolean isIpv6() {
        return ipv6;
    }

    /** Registers a stream; false if its identifier is taken. */
    boolean register(int identifier, IcmpEchoProbe probe) {
        return byIdentifier.putIfAbsent(identifier, probe) == null;
    }

    void unregister(int identifier) {
        byIdentifier.remove(identifier);
    }

    boolean isEmpty() {
        return byIdentifier.isEmpty();
    }

    /** Sends and returns the realtime stamp taken just before the syscall; -1 if the buffer is full. */
    long send(ByteBuffer packet, InetSocketAddress to) throws NativeSocketException {
        return socket.sendToStamped(packet, to);
    }

    long dropped(IcmpDropReason reason) {
        return drops.get(reason).get();
    }

    private void receiveLoop() {
        Loops loops = Loops.process();
        Heartbeat heartbeat = loops.enter(Loops.DEFAULT_MAX_SILENCE);
        ReceivedMessage msg = new ReceivedMessage();
        try (Receiver rx = socket.newReceiver(MAX_DATAGRAM)) {
            int timeoutMillis = POLL_MILLIS;
            int socketFailures = 0;
            while (running) {
                heartbeat.beat();
                try {
                    timeoutMillis = receiveOnce(rx, msg, timeoutMillis);
                    socketFailures = 0;
                } catch (NativeSocketException e) {
                    if (!running) {
                        break;
                    }
                    // A transient error (an interface going away under a bound socket) is counted and
                    // retried; a socket that fails again and again is broken for good.
                    loops.failed(e);
                    if (++socketFailures >= MAX_SOCKET_FAILURES) {
                        loops.fatal(Thread.currentThread().getName(), "ICMP socket failed "
                                + socketFailures + " times in a row", e);
                        return;
                    }
                    timeoutMillis = POLL_MILLIS;
                } catch (RuntimeException e) {
                    // A listener (health, metrics, failover) threw: replies and timeouts must go on, or an
                    // ICMP-only link would stay Up for ever.
                    loops.failed(e);
                    timeoutMillis = 0;
                } catch (Error e) {
                    loops.fatal(Thread.currentThread().getName(), "error", e);
                    return;
                }
            }
        }
        heartbeat.close(); // an orderly stop
    }

    /** One round: wait up to {@code timeoutMillis}, handle what came, time out what is due; the next wait. */
    int receiveOnce(Receiver rx, ReceivedMessage msg, int timeoutMillis) throws NativeSocketException {
        int rev = socket.poll((short) (PollEvents.POLLIN | PollEvents.POLLERR), timeoutMillis);
        if (!running) {
            return 0;
        }
        // Errors first: with IP_RECVERR every ICMP error about any ICMP packet to a peer (a
        // PTB for a path-MTU probe, say) also sets the socket's pending error, and a plain
        // recvmsg returns that error once instead of the next reply.
        if ((rev & PollEvents.POLLERR) != 0) {
            for (int i = 0; i < DRAIN_BUDGET && rx.receive(msg, true); i++) {
                try {
                    onQueuedError(msg);
                } catch (RuntimeException e) {
                    Loops.process().failed(e); // one listener's bug must not cost the other messages
                }
            }
        }
        if ((rev & PollEvents.POLLIN) != 0) {
            for (int i = 0; i < DRAIN_BUDGET && receiveOrSkipPendingError(rx, msg); i++) {
                try {
                    onDatagram(msg);
                } catch (RuntimeException e) {
                    Loops.process().failed(e);
                }
            }
        }
        return expireDue();
    }

    /** A datagram, or false if none; an error that raced in is consumed (its details wait on the error queue). */
    private static boolean receiveOrSkipPendingError(Receiver rx, ReceivedMessage msg) throws NativeSocketException {
        for (int tries = 1; ; tries++) {
            try {
                return rx.receive(msg, false);
            } catch (NativeSocketException e) {
                if (tries == 3) {
                    throw e; // not a raced ICMP error: a broken socket
                }
            }
        }
    }

    /**
     * Times out due requests of every stream and returns how long to sleep:
     * until the earliest pending deadline, but never longer than the shortest
     * timeout of any stream here, so a request sent while this thread sleeps
     * cannot pass its deadline unnoticed.
     */
    private int expireDue() {
        long now = System.nanoTime(); // deadlines are monotonic: a step of the wall clock is no timeout
        long next = Long.MAX_VALUE;
        long shortestTimeout = POLL_MILLIS * 1_000_000L;
        for (IcmpEchoProbe p : byIdentifier.values()) {
            try {
                next = Math.min(next, p.expireAndNextDeadline(now));
            } catch (RuntimeException e) {
                // A timeout listener threw: the other streams' timeouts still run; this one's rest next round.
                Loops.process().failed(e);
                next = now;
            }
            shortestTimeout = Math.min(shortestTimeout, p.settings().timeout().toNanos());
        }
        long sleep = Math.min(shortestTimeout, next == Long.MAX_VALUE ? Long.MAX_VALUE : next - now);
        return (int) Math.max(0, (sleep + 999_999) / 1_000_000);
    }

    private void onDatagram(ReceivedMessage msg) {
        if (msg.truncated()) {
            drops.get(IcmpDropReason.TRUNCATED).incrementAndGet();
            return;
        }
        IcmpMessage m;
        try {
            m = ipv6 ? IcmpCodec.decodeV6(msg.data()) : IcmpCodec.decodeV4(msg.data());
        } catch (IcmpCodecException e) {
            drops.get(IcmpDropReason.MALFORMED).incrementAndGet();
            return;
        }
        if (!m.isEchoReply()) {
            return; // the filter passes only echo replies; anything else is not ours to count
        }
        IcmpEchoProbe probe = byIdentifier.get(m.identifier());
        if (probe == null) {
            if (!EchoIdentifiers.held(m.identifier())) { // a path-MTU probe's reply is ours, not another pinger's
                drops.get(IcmpDropReason.FOREIGN_IDENTIFIER).incrementAndGet();
            }
            return;
        }
        if (msg.source() == null || !msg.source().getAddress().equals(probe.targetAddress())) {
            drops.get(IcmpDropReason.WRONG_SOURCE).incrementAndGet();
            return;
        }
        IcmpDropReason drop = probe.onReply(m.sequence(), msg.kernelTimestampNanos());
        if (drop != null) {
            drops.get(drop).incrementAndGet();
        }
    }

    /** An error-queue entry: which of our requests it is about, from the request it quotes. */
    private void onQueuedError(ReceivedMessage msg) {
        QueuedEchoError entry = QueuedEchoError.read(msg.error(), msg.data(), ipv6);
        switch (entry.kind()) {
            case MALFORMED -> {
                drops.get(IcmpDropReason.MALFORMED).incrementAndGet();
                return;
            }
            // The send that caused a local error failed with it, and the probe counted that.
            case LOCAL, OTHER_PACKET -> {
                return; // OTHER_PACKET: another raw socket's packet
            }
            case ECHO_REQUEST -> { }
        }
        IcmpEchoProbe probe = byIdentifier.get(entry.identifier());
        if (probe == null) {
            return; // another pinger's error: raw sockets see every ICMP error quoting ICMP
        }
        ExtendedError err = entry.error();
        int sequence = entry.sequence();
        FailureReason reason = switch (err.origin()) {
            case ICMP -> IcmpErrors.v4(err.icmpType(), err.icmpCode());
            case ICMP6 -> IcmpErrors.v6(err.icmpType(), err.icmpCode());
            default -> FailureReason.SEND_FAILED;
        };
        probe.onError(sequence, reason, err);
    }

    @Override
    public void close() {
        running = false;
        try {
            receiver.join(2 * POLL_MILLIS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }
}
