package io.linkguard.bfd.engine;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.auth.Authenticator;
import io.linkguard.bfd.echo.EchoPacket;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.PacketSocket;
import io.linkguard.probes.net.PollEvents;
import io.linkguard.probes.net.PollSet;
import io.linkguard.probes.net.ReceivedMessage;
import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Runs every BFD session on one dedicated platform thread: it receives on the
 * shared listening sockets, demultiplexes (RFC 5880 §6.3), checks GTSM and
 * authentication, feeds the pure sessions, and fires their timers from a
 * deadline queue. One thread means no locks on the hot path and a fixed cost
 * per packet; receive work is bounded per round so a flood of junk cannot
 * starve the timers that keep real sessions Up.
 */
public final class BfdEngine implements AutoCloseable {
    /** Packets taken from one socket per round before timers run again. */
    private static final int RX_BUDGET = 256;
    private static final int MAX_POLL_MILLIS = 1000;
    /** When a session whose timers threw is tried again. */
    private static final long RETRY_AFTER_FAILURE_NANOS = 100_000_000L;

    private final RandomGenerator random;
    private final PollSet pollSet;
    private final Listeners listeners = new Listeners();
    private final DeadlineQueue<ManagedSession> deadlines = new DeadlineQueue<>();
    private final Demultiplexer<ManagedSession> demux = new Demultiplexer<>();
    private final List<ManagedSession> sessions = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Map<BfdDropReason, AtomicLong> drops = new EnumMap<>(BfdDropReason.class);
    private final ReceivedMessage msg = new ReceivedMessage();
    private final Retirements retiring = new Retirements();
    private final AtomicLong retiredEarly = new AtomicLong();
    /** One instance, not a method reference per loop round. */
    private final Retirements.Closer closeRetired = this::closeRetired;
    /** Opened when the first session with the Echo function is added. Engine thread only. */
    private PacketSocket packets;
    private ListenSocket echoListener;
    private final Thread thread;
    private volatile boolean running = true;

    public BfdEngine(RandomGenerator random) throws NativeSocketException {
        this.random = random;
        for (BfdDropReason r : BfdDropReason.values()) {
            drops.put(r, new AtomicLong());
        }
        this.pollSet = new PollSet(8);
        this.thread = Thread.ofPlatform().name("bfd").daemon(true).unstarted(this::loop);
        this.thread.setPriority(Thread.MAX_PRIORITY);
        this.thread.start();
    }

    /**
     * Adds and starts a session. Opens its transmit socket and, on first use, the
     * listening socket for its family and port. Throws for set-up errors an operator must fix.
     */
    public void addSession(BfdSessionConfig config, Optional<Authenticator> auth, BfdEventListener events)
            throws NativeSocketException {
        TxSocket tx = new TxSocket(config, random);
        int ifindex = config.interfaceName().map(LinuxSocket::interfaceIndex).orElse(0);
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(() -> {
            try {
                listeners.open(LinuxSocket.Family.of(config.peer()), config.multihop());
                // A reload that restarts a session (remove, then add) must not let the old one's
                // AdminDown overlap the new one's Down/Init: the peer's bfd.RemoteDiscr would flip
                // between them and each AdminDown would push its session Down again (RFC 5880
                // §6.8.6). The old one has sent its AdminDown at least once, which is all §6.8.16
                // asks ("if possible"): it goes now, before the new one sends anything.
                retiredEarly.addAndGet(retiring.closeNow(r -> sameEndpoints(r.config, config), closeRetired));
                if (config.echoInterval().isPresent() && packets == null) {
                    openEcho();
                }
                long discr = newDiscriminator();
                ManagedSession s = new ManagedSession(config, discr, ifindex, auth, tx, random, events, System.nanoTime());
                demux.add(new Demultiplexer.Binding(discr, config.peer(), config.local().orElse(null), ifindex,
                        config.multihop()), s);
                sessions.add(s);
                deadlines.schedule(s, s.runTimers(System.nanoTime(), packets));
                done.complete(null);
            } catch (NativeSocketException | RuntimeException e) {
                tx.close();
                done.completeExceptionally(e);
            }
        });
        await(done);
    }

    /** The packet socket that sends echoes, and the UDP socket on port 3785 they come back to. */
    private void openEcho() throws NativeSocketException {
        PacketSocket p = new PacketSocket();
        try {
            echoListener = new ListenSocket(LinuxSocket.Family.INET, EchoPacket.ECHO_PORT, false);
            echoListener.socket.setReceiveTimestamps(true);
            echoListener.socket.setReceiveTtl(true); // EchoChecks: a returned echo has TTL >= 254
        } catch (NativeSocketException | RuntimeException e) {
            p.close();
            if (echoListener != null) {
                echoListener.close();
                echoListener = null;
            }
            throw e;
        }
        packets = p;
    }

    /** RFC 5880 §6.8.1: "bfd.LocalDiscr ... MUST be unique across all BFD sessions on this system, and nonzero." */
    private long newDiscriminator() {
        long d;
        do {
            d = 1 + (random.nextLong() & 0xFFFF_FFFFL) % 0xFFFF_FFFFL;
        } while (demux.inUse(d));
        return d;
    }

    /** Snapshots of every session, for metrics, the status API and the CLI. */
    public List<BfdSessionView> sessions() {
        List<BfdSessionView> out = new ArrayList<>(sessions.size());
        for (ManagedSession s : sessions) {
            out.add(s.view());
        }
        return out;
    }

    /** Received packets discarded for {@code reason}, over all sessions and unknown senders. */
    public long dropped(BfdDropReason reason) {
        return drops.get(reason).get();
    }

    /**
     * Stops the session {@code name} to {@code peer}, e.g. because a reload removed
     * or changed it. It goes AdminDown at once and keeps telling the peer so for two
     * transmit intervals (at most a second), so the peer goes Down with diagnostic
     * "administratively down" rather than timing out (RFC 5880 §6.8.16); then the
     * engine closes its socket and frees its discriminator.
     *
     * <p>Returns once the AdminDown packet has gone out, not after the wait: a reload
     * that removes N sessions sends N AdminDowns at once and the waits overlap on the
     * engine thread, instead of blocking the reload N times in a row. The session
     * leaves {@link #sessions()} at once; {@link #retiringSessions()} counts it until closed.
     * A session added meanwhile for the same peer, source, interface and kind (a reload that
     * changed it) closes it at once instead: see {@link #addSession}.
     *
     * @return false if there is no such session
     */
    public boolean removeSession(String name, java.net.InetAddress peer) {
        ManagedSession target = null;
        for (ManagedSession s : sessions) {
            if (s.config.name().equals(name) && s.config.peer().equals(peer)) {
                target = s;
            }
        }
        if (target == null) {
            return false;
        }
        ManagedSession s = target;
        s.retiring = true;
        CompletableFuture<Void> down = new CompletableFuture<>();
        submit(() -> {
            long now = System.nanoTime();
            s.session.adminDown(now);
            deadlines.schedule(s, s.runTimers(now, packets));
            sessions.remove(s);
            // A re-added session to the same peer must get the peer's Your Discriminator = 0 packets.
            demux.retire(s.localDiscriminator);
            long waitNanos = Math.min(1_000_000_000L, s.session.snapshot().txIntervalMicros() * 2_000 + 20_000_000L);
            retiring.add(s, now + waitNanos);
            down.complete(null);
        });
        awaitQuietly(down);
        return true;
    }

    /**
     * Hands {@code to} the session's current state, as a change from that state to itself, on the
     * engine thread: so it is ordered with the session's real state changes, and one that happens
     * meanwhile is delivered after it, never before. For a consumer that starts listening late (a
     * link's health restarted by a reload while its session stays Up: no change would ever tell it).
     * Returns without waiting; nothing is delivered if there is no such session.
     */
    public void currentState(String name, java.net.InetAddress peer, java.util.function.Consumer<BfdStateChange> to) {
        submit(() -> {
            for (ManagedSession s : sessions) {
                if (s.config.name().equals(name) && s.config.peer().equals(peer)) {
                    var snap = s.session.snapshot();
                    to.accept(new BfdStateChange(name, peer, snap.sessionState(), snap.sessionState(),
                            snap.localDiag(), snap.remoteDiag(), snap.remoteSessionState(), System.currentTimeMillis()));
                }
            }
        });
    }

    /** Whether two sessions talk to the same session at the peer: same peer, source, interface and kind. */
    private static boolean sameEndpoints(BfdSessionConfig a, BfdSessionConfig b) {
        return a.peer().equals(b.peer()) && a.local().equals(b.local())
                && a.interfaceName().equals(b.interfaceName()) && a.multihop() == b.multihop();
    }

    /** Retiring sessions closed before their AdminDown time was over, because a new session replaced them. */
    public long retirementsCutShort() {
        return retiredEarly.get();
    }

    /** Sessions removed but still sending AdminDown, for tests and the status API. */
    public int retiringSessions() {
        return retiring.size();
    }

    /** A retired session's AdminDown time is over: it stops and frees its discriminator. Engine thread. */
    private void closeRetired(ManagedSession s) {
        s.removed = true;
        demux.remove(s.localDiscriminator);
        s.close();
    }

    /** Sets every session AdminDown (RFC 5880 §6.8.16), e.g. before shutdown. */
    public void adminDownAll() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(() -> {
            long now = System.nanoTime();
            for (ManagedSession s : sessions) {
                s.session.adminDown(now);
                deadlines.schedule(s, s.runTimers(now, packets));
            }
            done.complete(null);
        });
        awaitQuietly(done);
    }

    private void submit(Runnable command) {
        if (!running) {
            throw new IllegalStateException("BFD engine stopped");
        }
        commands.add(command);
        pollSet.wakeup();
    }

    private static void await(CompletableFuture<Void> f) throws NativeSocketException {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NativeSocketException n) {
                throw n;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("BFD engine did not answer within 10 s");
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // shutting down: nothing more to do
        }
    }

    private void loop() {
        Loops loops = Loops.process();
        // The poll below waits at most MAX_POLL_MILLIS (1 s), so the heartbeat beats at least once a second.
        Heartbeat heartbeat = loops.enter(Loops.DEFAULT_MAX_SILENCE);
        try {
            while (running) {
                heartbeat.beat();
                try {
                    runOnce();
                } catch (RuntimeException e) {
                    // A listener or a bug in one packet's handling: counted in
                    // linkguard_internal_errors_total{thread="bfd"}, and every other session goes on.
                    loops.failed(e);
                }
            }
        } catch (NativeSocketException | Error e) {
            if (running) {
                // A process whose BFD thread died would look alive to systemd while every session
                // times out at the peers: die loudly instead, so the service manager restarts it.
                loops.fatal(Thread.currentThread().getName(), "BFD engine failed", e);
                return;
            }
        }
        heartbeat.close();
    }

    /** One round: commands, due timers, then a poll for packets until the next deadline. */
    private void runOnce() throws NativeSocketException {
        for (Runnable c; (c = commands.poll()) != null; ) {
            c.run();
        }
        long now = System.nanoTime();
        for (ManagedSession s; (s = deadlines.pollDue(now)) != null; ) {
            if (s.removed) {
                continue;
            }
            long next;
            try {
                next = s.runTimers(now, packets);
            } catch (RuntimeException e) {
                // The session must stay in the deadline queue, or its timers would never run again.
                Loops.process().failed(e);
                next = now + RETRY_AFTER_FAILURE_NANOS;
            }
            deadlines.schedule(s, next);
        }
        long nextClose = retiring.closeDue(now, closeRetired);
        long nextDeadline = deadlines.nextDeadline();
        if (nextClose != Long.MAX_VALUE && nextClose - nextDeadline < 0) {
            nextDeadline = nextClose;
        }
        long wait = nextDeadline - System.nanoTime();
        int timeout = wait <= 0 ? 0 : (int) Math.min(MAX_POLL_MILLIS, (wait + 999_999) / 1_000_000);
        pollSet.clear();
        List<ListenSocket> open = listeners.all();
        for (ListenSocket l : open) {
            pollSet.add(l.socket.fd(), PollEvents.POLLIN);
        }
        int echoSlot = echoListener == null ? -1 : pollSet.add(echoListener.socket.fd(), PollEvents.POLLIN);
        if (pollSet.poll(timeout) > 0) {
            for (int i = 0; i < open.size(); i++) {
                if ((pollSet.revents(i) & PollEvents.POLLIN) != 0) {
                    drain(open.get(i));
                }
            }
            if (echoSlot >= 0 && (pollSet.revents(echoSlot) & PollEvents.POLLIN) != 0) {
                drainEcho();
            }
        }
    }

    private void drain(ListenSocket l) throws NativeSocketException {
        for (int i = 0; i < RX_BUDGET && l.receiver.receive(msg, false); i++) {
            BfdDropReason drop = handle(msg, l.multihop, System.nanoTime());
            if (drop != null) {
                drops.get(drop).incrementAndGet();
            }
        }
    }

    /**
     * Our echoes coming back (the peer forwarded them). They carry the
     * discriminator and a recent sequence number of the session that sent them,
     * and must come from our own address with TTL >= 254 (RFC 5880 §6.4, §6.8.9,
     * RFC 5881 §4; see {@link ManagedSession#echoReturned}). Anything else on
     * port 3785 is dropped and counted: a forged echo accepted would hide the
     * very forwarding failure the Echo function exists to detect.
     */
    private void drainEcho() throws NativeSocketException {
        for (int i = 0; i < RX_BUDGET && echoListener.receiver.receive(msg, false); i++) {
            BfdDropReason drop = handleEcho(msg);
            if (drop != null) {
                drops.get(drop).incrementAndGet();
            }
        }
    }

    private BfdDropReason handleEcho(ReceivedMessage m) {
        if (m.truncated()) {
            return BfdDropReason.TRUNCATED;
        }
        var payload = EchoPacket.decodePayload(m.data());
        if (payload.isEmpty()) {
            return BfdDropReason.ECHO_MALFORMED;
        }
        ManagedSession s = demux.session(payload.get().discriminator());
        if (s == null || !s.echoConfigured()) {
            return BfdDropReason.ECHO_UNKNOWN_SESSION;
        }
        long rx = m.kernelTimestampNanos() > 0 ? m.kernelTimestampNanos()
                : io.linkguard.probes.net.RealtimeClock.nowNanos();
        InetAddress source = m.source() == null ? null : m.source().getAddress();
        return s.echoReturned(source, m.ttl(), payload.get().sequence(), rx, payload.get().sentEpochNanos(),
                System.nanoTime());
    }

    /** One received datagram (see {@link ReceptionPipeline}); returns why it was dropped, or null if a session took it. */
    private BfdDropReason handle(ReceivedMessage m, boolean multihop, long now) {
        InetAddress source = m.source() == null ? null : m.source().getAddress();
        var outcome = ReceptionPipeline.receive(demux, m.data(), m.truncated(), source, m.destination(),
                m.interfaceIndex(), m.ttl(), multihop, now);
        ManagedSession s = outcome.session();
        if (s != null) {
            deadlines.schedule(s, s.runTimers(now, packets));
        }
        return outcome.drop();
    }

    /**
     * Graceful shutdown: every session goes AdminDown and keeps telling its peer
     * so for up to a second (RFC 5880 §6.8.16: the peer then goes Down with
     * diagnostic "administratively down", not "detection time expired"), then stops.
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        if (!sessions.isEmpty() && thread.isAlive()) {
            adminDownAll();
            try {
                Thread.sleep(Math.min(1000, maxTxIntervalMillis() * 2 + 20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
        pollSet.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessions.forEach(ManagedSession::close);
        // The engine thread has stopped: the retiring list is ours now.
        retiring.closeAll(ManagedSession::close);
        listeners.close();
        if (echoListener != null) {
            echoListener.close();
        }
        if (packets != null) {
            packets.close();
        }
        pollSet.close();
    }

    private long maxTxIntervalMillis() {
        long max = 0;
        for (ManagedSession s : sessions) {
            max = Math.max(max, s.session.snapshot().txIntervalMicros() / 1000);
        }
        return max;
    }
}
