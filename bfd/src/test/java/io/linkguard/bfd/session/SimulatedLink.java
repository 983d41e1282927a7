package io.linkguard.bfd.session;

import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.Diagnostic;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Two sessions back to back over a link with a fixed one-way delay, driven by a
 * discrete-event loop on a fake clock: each session runs its timers exactly at
 * the deadline it returned, and each packet is delivered exactly at send time
 * plus the delay. Each direction can be cut (packets sent while cut are lost).
 */
final class SimulatedLink {
    static final long MS = 1_000_000L;

    record Sent(long atNanos, ControlPacket packet) {
    }

    record Change(long atNanos, BfdState from, BfdState to, Diagnostic diag) {
    }

    private record Delivery(long atNanos, long seq, End to, ControlPacket packet) {
    }

    final class End implements SessionListener {
        final String name;
        final List<Sent> sent = new ArrayList<>();
        final List<Change> changes = new ArrayList<>();
        BfdSession session;
        End peer;
        boolean cutOutbound;
        long deadlineNanos;
        long lastReceivedNanos;

        End(String name) {
            this.name = name;
        }

        void start(SessionParameters params, long discriminator, long seed) {
            session = new BfdSession(params, discriminator, new Random(seed), this, now);
            deadlineNanos = session.runTimers(now);
        }

        /** Calls the session at the link's current time and refreshes its deadline. */
        void act(Consumer<BfdSession> action) {
            action.accept(session);
            deadlineNanos = session.runTimers(now);
        }

        @Override
        public void transmit(ControlPacket packet) {
            sent.add(new Sent(now, packet));
            if (!cutOutbound) {
                queue.add(new Delivery(now + delayNanos, seq++, peer, packet));
            }
        }

        @Override
        public void stateChanged(BfdState from, BfdState to, Diagnostic localDiag, long nowNanos) {
            changes.add(new Change(nowNanos, from, to, localDiag));
        }

        SessionSnapshot snapshot() {
            return session.snapshot();
        }

        List<Sent> sentBetween(long fromNanos, long toNanos) {
            return sent.stream().filter(s -> s.atNanos >= fromNanos && s.atNanos < toNanos).toList();
        }

        List<Change> changesBetween(long fromNanos, long toNanos) {
            return changes.stream().filter(c -> c.atNanos >= fromNanos && c.atNanos < toNanos).toList();
        }
    }

    private final PriorityQueue<Delivery> queue = new PriorityQueue<>(
            (x, y) -> x.atNanos != y.atNanos ? Long.compare(x.atNanos, y.atNanos) : Long.compare(x.seq, y.seq));
    private final long delayNanos;
    private long seq;
    private long now;
    final End a = new End("a");
    final End b = new End("b");

    SimulatedLink(long startNanos, long delayNanos) {
        this.now = startNanos;
        this.delayNanos = delayNanos;
        a.peer = b;
        b.peer = a;
    }

    long now() {
        return now;
    }

    void cut(boolean aToB, boolean bToA) {
        a.cutOutbound = aToB;
        b.cutOutbound = bToA;
    }

    /** Processes every event up to and including {@code endNanos}, then sets the clock to it. */
    void runUntil(long endNanos) {
        for (int guard = 0; guard < 10_000_000; guard++) {
            long next = endNanos;
            boolean any = false;
            if (!queue.isEmpty() && queue.peek().atNanos - next <= 0) {
                next = queue.peek().atNanos;
                any = true;
            }
            for (End e : List.of(a, b)) {
                if (e.session != null && e.deadlineNanos - next <= 0) {
                    next = e.deadlineNanos;
                    any = true;
                }
            }
            if (!any) {
                now = endNanos;
                return;
            }
            now = next;
            if (!queue.isEmpty() && queue.peek().atNanos == now) {
                Delivery d = queue.poll();
                if (d.to.session != null) {
                    ReceiveResult r = d.to.session.receive(d.packet, now);
                    if (r.outcome() == ReceiveResult.Outcome.ACCEPTED) {
                        d.to.lastReceivedNanos = now;
                    }
                    d.to.deadlineNanos = d.to.session.runTimers(now);
                }
                continue;
            }
            for (End e : List.of(a, b)) {
                if (e.session != null && e.deadlineNanos == now) {
                    e.deadlineNanos = e.session.runTimers(now);
                }
            }
        }
        throw new AssertionError("simulation did not settle by " + endNanos);
    }
}
