package io.linkguard.probes.pmtu;

import io.linkguard.core.supervise.Loops;

import io.linkguard.probes.Addresses;
import io.linkguard.probes.PathBinding;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Measures the path MTU to one peer with DF-set ICMP echo requests padded to the sizes a
 * {@link PmtuSearch} picks, on a raw socket of its own bound like the other probes (source,
 * interface, fwmark). Blocking; reusable; one caller at a time.
 *
 * <p>Echo measures the forward path: the peer's replies are as large as the probes, but Linux
 * sends them without DF, so a narrower return path fragments them rather than losing them.
 */
public final class PmtuProber implements AutoCloseable, MtuProber {
    /** Longest single poll, so an interrupt ends a search within this time. */
    private static final long POLL_SLICE_NANOS = Duration.ofMillis(100).toNanos();

    private final InetAddress peer;
    private final PmtuSettings settings;
    private final LinuxSocket.Family family;
    private final EchoChannel channel;

    public PmtuProber(InetAddress peer, PathBinding binding, PmtuSettings s) throws NativeSocketException {
        this.peer = peer;
        this.settings = s;
        this.family = LinuxSocket.Family.of(peer);
        if (family == LinuxSocket.Family.INET6 && s.minMtu() < PmtuSettings.IPV6_MIN_MTU) {
            throw new IllegalArgumentException("minimum MTU " + s.minMtu() + " for IPv6 peer " + Addresses.format(peer)
                    + " (expected: >= " + PmtuSettings.IPV6_MIN_MTU + ", RFC 8200 §5)");
        }
        this.channel = new EchoChannel(peer, binding, new SecureRandom());
    }

    public InetAddress peer() {
        return peer;
    }

    public PmtuSettings settings() {
        return settings;
    }

    /** The echo identifier of this prober's requests, for anything that must tell its replies apart. */
    public int identifier() {
        return channel.identifier();
    }

    /** One full search, bounded by the probe cap and, per probe, by the probe timeout. */
    @Override
    public synchronized PmtuResult search() throws NativeSocketException {
        long started = System.nanoTime();
        PmtuSearch search = PmtuSearch.of(family, settings);
        ProbeTimer timer = new ProbeTimer(settings.probeTimeout());
        channel.forget();
        SearchEvents events = new SearchEvents(search, timer);
        for (OptionalInt next = search.next(); next.isPresent(); next = search.next()) {
            int size = next.getAsInt();
            int seq;
            try {
                seq = channel.send(size);
            } catch (NativeSocketException.MessageTooLong e) {
                search.onLocalTooBig(size, channel.takeLocalMtu(events).orElse(0));
                continue;
            } catch (NativeSocketException.PermissionDenied e) {
                throw e;
            } catch (NativeSocketException e) {
                search.abort("cannot send to " + Addresses.format(peer) + ": " + e.getMessage());
                break;
            }
            search.onSent(size);
            events.current = seq;
            events.currentAnswered = false;
            awaitOutcome(search, timer, events, size);
        }
        return search.result(peer, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Waits until the try of {@code size} is answered, no longer matters, or its PROBE_TIMER expires. */
    private void awaitOutcome(PmtuSearch search, ProbeTimer timer, SearchEvents events, int size)
            throws NativeSocketException {
        long deadline = System.nanoTime() + timer.waitNanos();
        while (search.wants(size) && !events.currentAnswered) {
            if (Thread.currentThread().isInterrupted()) {
                search.abort("interrupted");
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                search.onTimeout(size);
                return;
            }
            channel.await(Math.min(left, POLL_SLICE_NANOS), events);
            Loops.process().beatCurrent(); // a search is many waits: the pmtu-* loop stays visibly alive
        }
    }

    /** Feeds what comes back into the search; replies to earlier tries count too (they were only late). */
    private static final class SearchEvents implements EchoChannel.Events {
        private final PmtuSearch search;
        private final ProbeTimer timer;
        int current = -1;
        boolean currentAnswered;

        SearchEvents(PmtuSearch search, ProbeTimer timer) {
            this.search = search;
            this.timer = timer;
        }

        @Override
        public void reply(int sequence, int size, long rttNanos) {
            timer.onReply(rttNanos);
            search.onConfirmed(size);
            currentAnswered |= sequence == current;
        }

        @Override
        public void tooBig(int sequence, int size, int mtu) {
            search.onPtb(size, mtu);
            currentAnswered |= sequence == current;
        }

        @Override
        public void icmpError(int sequence, int size, String what) {
            if (sequence == current) {
                search.onIcmpError(size, what);
                currentAnswered = true;
            }
        }
    }

    /**
     * One DF probe of {@code size}: true if its reply came back within the probe timeout. The
     * cheap periodic check (RFC 8899 §4.4 black-hole detection, CONFIRMATION_TIMER §5.1.1).
     */
    public boolean confirm(int size) throws NativeSocketException {
        return check(size).confirmed();
    }

    /** Like {@link #confirm}, with what answered instead of a reply. */
    @Override
    public synchronized Check check(int size) throws NativeSocketException {
        channel.forget();
        int seq;
        try {
            seq = channel.send(size);
        } catch (NativeSocketException.MessageTooLong e) {
            OptionalInt mtu = channel.takeLocalMtu(new CheckEvents(-1));
            return new Check(false, mtu.orElse(0), true);
        }
        CheckEvents events = new CheckEvents(seq);
        long deadline = System.nanoTime() + settings.probeTimeout().toNanos();
        while (!events.done && !Thread.currentThread().isInterrupted()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            channel.await(Math.min(left, POLL_SLICE_NANOS), events);
            Loops.process().beatCurrent();
        }
        return new Check(events.replied, events.ptbMtu, false);
    }

    /**
     * The outcome of one check probe.
     *
     * @param confirmed   the reply came back
     * @param ptbMtu      the MTU a PTB (or, with {@code local}, the local EMSGSIZE) reported; 0 if none
     * @param local       the local stack refused the size: the interface MTU is below it
     */
    public record Check(boolean confirmed, int ptbMtu, boolean local) {
    }

    private static final class CheckEvents implements EchoChannel.Events {
        private final int seq;
        boolean done;
        boolean replied;
        int ptbMtu;

        CheckEvents(int seq) {
            this.seq = seq;
        }

        @Override
        public void reply(int sequence, int size, long rttNanos) {
            if (sequence == seq) {
                replied = true;
                done = true;
            }
        }

        @Override
        public void tooBig(int sequence, int size, int mtu) {
            if (sequence == seq) {
                ptbMtu = mtu;
                done = true;
            }
        }

        @Override
        public void icmpError(int sequence, int size, String what) {
            done |= sequence == seq;
        }
    }

    @Override
    public synchronized void close() {
        channel.close();
    }
}
