package io.linkguard.alerts;

import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.alerts.config.ChannelConfig;
import io.linkguard.core.log.Log;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends alert events to every configured channel, at least once: each channel has its own thread,
 * spool under {@code <state directory>/alerts/<channel>/}, rate limit and retries (see
 * {@link ChannelWorker}). {@link #publish} only queues. One dispatcher per state directory: a lock file
 * keeps a second agent (or a second dispatcher in this one) away from the same spool.
 *
 * <p>"At least once" starts when the channel thread has written the event to the spool, within
 * microseconds of {@link #publish} (one fsync later); an event still in the in-memory inbox at a
 * SIGKILL is lost. A message is removed from the spool only after a 2xx, so a crash between the 2xx
 * and the removal sends it again: receivers see duplicates (the webhook's Idempotency-Key and
 * Alertmanager's label identity make them harmless), never gaps.
 */
public final class AlertDispatcher implements AlertSink, AutoCloseable {
    /** How long {@link #close} tries to deliver what is pending; the rest stays in the spool. */
    static final Duration CLOSE_BOUND = Duration.ofSeconds(3);
    /**
     * How long {@link #close} then waits for a channel thread whose send it aborted: the blocking call in
     * progress ends by its own timeout at the latest (HttpPost's read timeout, 10 s).
     */
    static final Duration ABORT_GRACE = HttpPost.READ_TIMEOUT.plusSeconds(2);

    private final Plan plan;
    private final List<ChannelWorker> workers;
    /** The channels' filters, in the order of {@link #workers}. */
    private final List<EventFilter> filters;
    private final AlertCounters counters;
    private final SpoolRoot root;
    private final Duration closeBound;
    private final Duration abortGrace;
    private final ChannelClock clock;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean closed;

    private AlertDispatcher(Plan plan, List<ChannelWorker> workers, List<EventFilter> filters, AlertCounters counters,
                            SpoolRoot root, Duration closeBound, Duration abortGrace, ChannelClock clock) {
        this.closeBound = closeBound;
        this.abortGrace = abortGrace;
        this.plan = plan;
        this.workers = List.copyOf(workers);
        this.filters = List.copyOf(filters);
        this.counters = counters;
        this.root = root;
        this.clock = clock;
    }

    /**
     * A dispatcher's channels with their secrets read and checked, its spool directories proven usable, and
     * nothing started: what a reload prepares before it stops the running dispatcher, so that a channel that
     * cannot be built leaves the running ones alone.
     */
    public static final class Plan {
        private final AlertsConfig cfg;
        private final Path root;
        private final List<ChannelFactory.Built> built;
        private final Redactor redactor;

        private Plan(AlertsConfig cfg, Path root, List<ChannelFactory.Built> built, Redactor redactor) {
            this.cfg = cfg;
            this.root = root;
            this.built = List.copyOf(built);
            this.redactor = redactor;
        }
    }

    /**
     * Reads the channels' secrets and checks everything that can be checked without stopping a running
     * dispatcher: the state directory, each channel's spool directory, and that no other process holds the
     * spool.
     *
     * @param node           this node's name, in every message and Alertmanager's {@code node} label
     * @param stateDirectory the agent's state directory; the spool is its {@code alerts/}
     * @throws IOException naming the directory if it cannot be written, or the config key of a secret
     *                     that cannot be read
     */
    public static Plan plan(AlertsConfig cfg, String node, Path stateDirectory) throws IOException {
        Objects.requireNonNull(cfg, "cfg");
        Objects.requireNonNull(node, "node");
        Path root = SpoolRoot.prepare(stateDirectory);
        List<ChannelFactory.Built> built = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (ChannelConfig c : cfg.channels()) {
            ChannelFactory.Built b = ChannelFactory.build(c, node);
            built.add(b);
            secrets.addAll(b.secrets());
            SpoolRoot.checkChannelDirectory(c.name(), root.resolve(c.name()));
        }
        SpoolRoot.checkNotLockedElsewhere(root);
        return new Plan(cfg, root, built, new Redactor(secrets));
    }

    /**
     * Reads the channels' secrets, opens their spools (delivering what an earlier run left) and starts
     * their threads: {@link #plan} then {@link #start(Plan, AlertCounters)}.
     *
     * @throws IOException as {@link #plan} and {@link #start(Plan, AlertCounters)}
     */
    public static AlertDispatcher start(AlertsConfig cfg, String node, Path stateDirectory, AlertCounters counters)
            throws IOException {
        return start(plan(cfg, node, stateDirectory), counters);
    }

    /**
     * Opens the spools of {@code plan} (delivering what an earlier run left) and starts the channels' threads.
     * The same plan may be started again once the dispatcher started from it is closed.
     *
     * @param counters where the channels count what they do: the same for every dispatcher of the process,
     *                 so that counts go on across reloads
     * @throws IOException if the spool is locked (by another process, or a dispatcher not yet closed) or a
     *                     spool directory cannot be read
     */
    public static AlertDispatcher start(Plan plan, AlertCounters counters) throws IOException {
        return start(plan, counters, HttpPost::new, CLOSE_BOUND, ABORT_GRACE, ChannelClock.SYSTEM);
    }

    /** {@link #start(Plan, AlertCounters)} on the clock a test chooses. */
    static AlertDispatcher start(Plan plan, AlertCounters counters, ChannelClock clock) throws IOException {
        return start(plan, counters, HttpPost::new, CLOSE_BOUND, ABORT_GRACE, clock);
    }

    /** {@link #start(Plan, AlertCounters)} with the senders, close bounds and clock a test chooses. */
    static AlertDispatcher start(Plan plan, AlertCounters counters, Supplier<Sender> senders, Duration closeBound,
                                 Duration abortGrace, ChannelClock clock) throws IOException {
        Objects.requireNonNull(counters, "counters");
        AlertsConfig cfg = plan.cfg;
        SpoolRoot root = SpoolRoot.lock(plan.root);
        try {
            List<ChannelWorker> workers = new ArrayList<>();
            for (int i = 0; i < plan.built.size(); i++) {
                ChannelConfig c = cfg.channels().get(i);
                ChannelConfig.Delivery d = c.delivery();
                long now = clock.nanoTime();
                Path dir = plan.root.resolve(c.name());
                workers.add(new ChannelWorker(plan.built.get(i).channel(ChannelFactory.fileStore(dir)), senders.get(),
                        corrupt -> Spool.open(dir, cfg.spool().maxMessages(), cfg.spool().maxBytes(), corrupt),
                        cfg.groupWindow(), cfg.groupMax(),
                        new TokenBucket(d.burst(), d.rate().tokens(), d.rate().per().toNanos(), now),
                        new Backoff(d.retryInitial(), d.retryMax(), () -> ThreadLocalRandom.current().nextDouble()),
                        counters.channel(c.name()), plan.redactor, clock));
            }
            List<EventFilter> filters = cfg.channels().stream().map(c -> EventFilter.of(c.filter())).toList();
            AlertDispatcher d = new AlertDispatcher(plan, workers, filters, counters, root, closeBound, abortGrace,
                    clock);
            counters.showQueues(d, workers.stream().<Supplier<AlertCounters.ChannelQueue>>map(w -> w::queue).toList());
            workers.forEach(ChannelWorker::start);
            Log.info("alerts: %d channel(s) (%s), spool %s", workers.size(),
                    String.join(", ", cfg.channels().stream().map(c -> c.name() + " " + c.type()
                            + (c.filter().passesAll() ? "" : " [" + c.filter() + "]")).toList()), plan.root);
            return d;
        } catch (IOException | RuntimeException e) {
            root.release();
            throw e;
        }
    }

    /** The plan this dispatcher was started from: started again if what replaces it cannot start. */
    public Plan plan() {
        return plan;
    }

    @Override
    public void publish(AlertEvent e) {
        Objects.requireNonNull(e, "e");
        if (closed) {
            return;
        }
        for (int i = 0; i < workers.size(); i++) {
            if (filters.get(i).accepts(e)) {
                workers.get(i).offer(e);
            }
        }
    }

    /** Each channel's name, type, queue and last result; never its URL, token or secret. */
    public List<ChannelStatus> status() {
        return workers.stream().map(ChannelWorker::status).toList();
    }

    /**
     * Delivers what can be delivered within {@link #CLOSE_BOUND}; everything else stays in the spool for
     * the next start. Idempotent.
     *
     * <p>The spool lock (and this process's claim on the spool) is held until every channel thread has
     * ended, not merely until this method gives up waiting: a thread still in a send would otherwise, once
     * the send returns, remove or seal files that the next dispatcher (a reload starts one on the same
     * directory) already owns, sending messages twice or overwriting one. So a send still in progress at the
     * bound is aborted (it fails like any attempt; its message stays in the spool) and waited for
     * ({@link #ABORT_GRACE}); a thread that has still not ended keeps the spool locked until it does, and a
     * dispatcher started on the same spool meanwhile fails with "in use".
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // The workers' deadline is on their clock; the waits here are real time.
        long deadline = clock.nanoTime() + closeBound.toNanos();
        workers.forEach(w -> w.beginClose(deadline));
        long waitUntil = System.nanoTime() + closeBound.toNanos();
        List<ChannelWorker> running = new ArrayList<>();
        try {
            for (ChannelWorker w : workers) {
                if (!w.awaitFinished(waitUntil - System.nanoTime() + 200_000_000L)) {
                    w.abortSend();
                    running.add(w);
                }
            }
            long graceEnd = System.nanoTime() + abortGrace.toNanos();
            for (ChannelWorker w : List.copyOf(running)) {
                if (w.awaitFinished(graceEnd - System.nanoTime())) {
                    running.remove(w);
                } else {
                    Log.warn("alert channel %s: still sending at shutdown; its pending alerts stay in the spool,"
                            + " which stays locked until the send ends", w.name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = new ArrayList<>(workers);
        }
        counters.hideQueues(this);
        if (running.isEmpty()) {
            release();
            return;
        }
        List<ChannelWorker> left = List.copyOf(running);
        Thread.ofPlatform().daemon(true).name("alert-spool-unlock").start(() -> {
            for (ChannelWorker w : left) {
                try {
                    while (!w.awaitFinished(Long.MAX_VALUE)) {
                        // until it has ended
                    }
                } catch (InterruptedException e) {
                    return; // nobody interrupts this thread; if someone does, the lock stays (safe side)
                }
            }
            release();
        });
    }

    /** Waits until {@link #close} has let go of the spool (every channel thread ended); for tests. */
    boolean awaitReleased(Duration timeout) throws InterruptedException {
        return released.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void release() {
        try {
            root.release();
        } finally {
            released.countDown();
        }
    }
}
