package io.linkguard.bfd.engine;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.auth.Authenticator;
import io.linkguard.bfd.echo.NeighborTable;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.PollEvents;
import io.linkguard.probes.net.PollSet;
import io.linkguard.probes.net.ReceivedMessage;
import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Runs every BFD session on one dedicated platform thread: it receives on the
 * shared listening sockets, demultiplexes (RFC 5880 §6.3), checks GTSM and
 * authentication, feeds the pure sessions, and fires their timers from a
 * deadline queue. One thread means no locks on the hot path and a fixed cost
 * per packet: other threads hand it commands ({@link EngineCommands}) and read
 * what it publishes (each session's snapshot, counters in atomics), never the
 * sessions themselves. Receive work is bounded per round so a flood of junk
 * cannot starve the timers that keep real sessions Up.
 */
public final class BfdEngine implements AutoCloseable {
    /** Packets taken from one socket per round before timers run again. */
    private static final int RX_BUDGET = 256;
    private static final int MAX_POLL_MILLIS = 1000;
    /** When a session whose timers threw is tried again. */
    private static final long RETRY_AFTER_FAILURE_NANOS = 100_000_000L;

    private final RandomGenerator random;
    private final NeighborTable.Source neighbors;
    /** Monotonic nanoseconds: every deadline and every time handed to a session. */
    private final LongSupplier nanoClock;
    private final PollSet pollSet;
    private final Listeners listeners = new Listeners();
    private final DeadlineQueue<ManagedSession> deadlines = new DeadlineQueue<>();
    private final Demultiplexer<ManagedSession> demux = new Demultiplexer<>();
    private final List<ManagedSession> sessions = new CopyOnWriteArrayList<>();
    private final EngineCommands commands = new EngineCommands();
    private final DropCounts drops = new DropCounts();
    private final ManagedSession.Totals totals = new ManagedSession.Totals();
    private final ReceivedMessage msg = new ReceivedMessage();
    private final Retirements retiring = new Retirements();
    /** One instance, not a method reference per loop round. */
    private final Retirements.Closer closeRetired = this::closeRetired;
    private final EchoSockets echo = new EchoSockets();
    private final Thread thread;
    private volatile boolean running = true;

    /** An engine whose echoes have no neighbour table: for sessions without the Echo function. */
    public BfdEngine(RandomGenerator random) throws NativeSocketException {
        this(random, NeighborTable.Source.NONE);
    }

    /** @param neighbors where echoes find their next hop (the netlink watcher's neighbour table) */
    public BfdEngine(RandomGenerator random, NeighborTable.Source neighbors) throws NativeSocketException {
        this(random, System::nanoTime, neighbors);
    }

    /** @param nanoClock monotonic nanoseconds; {@code System::nanoTime} but in tests */
    BfdEngine(RandomGenerator random, LongSupplier nanoClock) throws NativeSocketException {
        this(random, nanoClock, NeighborTable.Source.NONE);
    }

    private BfdEngine(RandomGenerator random, LongSupplier nanoClock, NeighborTable.Source neighbors)
            throws NativeSocketException {
        this.neighbors = neighbors;
        this.random = random;
        this.nanoClock = nanoClock;
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
                // A reload that restarts a session: the old one goes now, before the new one sends anything.
                retiring.replacedBy(config, closeRetired);
                if (config.echoInterval().isPresent() && !echo.isOpen()) {
                    echo.open();
                }
                long discr = demux.newDiscriminator(random);
                ManagedSession s = new ManagedSession(config, discr, ifindex, auth, tx, random, events,
                        nanoClock.getAsLong(), totals);
                s.neighbors(neighbors);
                demux.add(new Demultiplexer.Binding(discr, config.peer(), config.local().orElse(null), ifindex,
                        config.multihop()), s);
                sessions.add(s);
                deadlines.schedule(s, s.runTimers(nanoClock.getAsLong(), echo.packets()));
                done.complete(null);
            } catch (NativeSocketException | RuntimeException e) {
                tx.close();
                done.completeExceptionally(e);
            }
        });
        EngineCommands.await(done);
    }

    /** Snapshots of every session, for metrics, the status API and the CLI. */
    public List<BfdSessionView> sessions() {
        return sessions.stream().map(ManagedSession::view).toList(); // published views: no lock
    }

    /** Received packets discarded for {@code reason}, over all sessions and unknown senders. */
    public long dropped(BfdDropReason reason) {
        return drops.get(reason);
    }

    /**
     * Control packets whose send reported ECONNREFUSED (an ICMP port-unreachable for an earlier
     * packet), over all sessions, removed ones included; see {@link ControlSender.Outcome}.
     */
    public long sendsRefused() {
        return totals.sendsRefused();
    }

    /** Neighbour entries for an echo peer refused by {@code NeighborTable}, over all sessions, removed ones included. */
    public long neighborsRefused() {
        return totals.neighborsRefused();
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
            long now = nanoClock.getAsLong();
            s.session.adminDown(now);
            deadlines.schedule(s, s.runTimers(now, echo.packets()));
            sessions.remove(s);
            // A re-added session to the same peer must get the peer's Your Discriminator = 0 packets.
            demux.retire(s.localDiscriminator);
            retiring.add(s, now + Retirements.adminDownNanos(s.session.snapshot().txIntervalMicros()));
            down.complete(null);
        });
        EngineCommands.awaitQuietly(down);
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
                    var snap = s.session.snapshot(); // the engine thread: the session itself
                    to.accept(new BfdStateChange(name, peer, snap.sessionState(), snap.sessionState(),
                            snap.localDiag(), snap.remoteDiag(), snap.remoteSessionState(), System.currentTimeMillis()));
                }
            }
        });
    }

    /** Retiring sessions closed before their AdminDown time was over, because a new session replaced them. */
    public long retirementsCutShort() {
        return retiring.cutShort();
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
            long now = nanoClock.getAsLong();
            for (ManagedSession s : sessions) {
                s.session.adminDown(now);
                deadlines.schedule(s, s.runTimers(now, echo.packets()));
            }
            done.complete(null);
        });
        EngineCommands.awaitQuietly(done);
    }

    private void submit(Runnable command) {
        if (!running) {
            throw new IllegalStateException("BFD engine stopped");
        }
        commands.add(command);
        pollSet.wakeup();
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
        commands.runAll();
        long now = nanoClock.getAsLong();
        for (ManagedSession s; (s = deadlines.pollDue(now)) != null; ) {
            if (s.removed) {
                continue;
            }
            long next;
            try {
                next = s.runTimers(now, echo.packets());
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
        long wait = nextDeadline - nanoClock.getAsLong();
        int timeout = wait <= 0 ? 0 : (int) Math.min(MAX_POLL_MILLIS, (wait + 999_999) / 1_000_000);
        pollSet.clear();
        List<ListenSocket> open = listeners.all();
        for (ListenSocket l : open) {
            pollSet.add(l.socket.fd(), PollEvents.POLLIN);
        }
        int echoSlot = echo.addTo(pollSet);
        if (pollSet.poll(timeout) > 0) {
            for (int i = 0; i < open.size(); i++) {
                if ((pollSet.revents(i) & PollEvents.POLLIN) != 0) {
                    drain(open.get(i));
                }
            }
            if (echoSlot >= 0 && (pollSet.revents(echoSlot) & PollEvents.POLLIN) != 0) {
                echo.drain(RX_BUDGET, msg, demux, drops, nanoClock);
            }
        }
    }

    private void drain(ListenSocket l) throws NativeSocketException {
        for (int i = 0; i < RX_BUDGET && l.receiver.receive(msg, false); i++) {
            long now = nanoClock.getAsLong();
            var outcome = ReceptionPipeline.receive(demux, msg, l.multihop, now);
            if (outcome.session() != null) {
                deadlines.schedule(outcome.session(), outcome.session().runTimers(now, echo.packets()));
            }
            drops.count(outcome.drop());
        }
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
                Thread.sleep(Retirements.adminDownNanos(maxTxIntervalMicros()) / 1_000_000);
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
        echo.close();
        pollSet.close();
    }

    private long maxTxIntervalMicros() {
        long max = 0;
        for (ManagedSession s : sessions) {
            max = Math.max(max, s.view().snapshot().txIntervalMicros()); // any thread: the published view
        }
        return max;
    }
}
