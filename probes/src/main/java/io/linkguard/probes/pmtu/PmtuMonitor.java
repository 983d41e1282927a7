package io.linkguard.probes.pmtu;

import io.linkguard.probes.PathBinding;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the path MTU to one peer: a full search every {@code interval} (RFC 8899 §5.1.1
 * PMTU_RAISE_TIMER: the only way to notice that the path grew), and between searches a cheap
 * check every {@code checkInterval}: one probe at the current path MTU and, if it fails, one of
 * MIN_PLPMTU. When the large probe fails MAX_PROBES checks in a row while the small one passes,
 * the path shrank or became a black hole, and the monitor searches again at once (RFC 8899 §4.4,
 * §5.2 SEARCH_COMPLETE back to searching). A validated PTB below the current path MTU, or a local
 * EMSGSIZE, also starts a search at once (§4.6.2). After a search that confirmed nothing the
 * check probes only the small size and searches as soon as it passes.
 *
 * <p>Runs on its own daemon thread; the listener is called on it after each search. The socket is
 * opened on that thread; if that fails the listener gets a result with the error, and the
 * monitor tries again at the next interval.
 */
public final class PmtuMonitor implements AutoCloseable {
    /** How {@link PmtuMonitor} gets its prober; tests pass a simulated path. */
    interface ProberFactory {
        MtuProber open() throws NativeSocketException;
    }

    /** Longest idle wait, so the loop beats its heartbeat at least once a second. */
    private static final long MAX_PARK_NANOS = 1_000_000_000L;

    private final String link;
    private final InetAddress peer;
    private final ProberFactory factory;
    private final int smallSize;
    private final int failuresToSearch;
    private final long intervalNanos;
    private final long checkIntervalNanos;
    private final long joinMillis;
    private final PmtuListener listener;
    private final Thread thread;
    private volatile boolean running;
    private volatile PmtuResult last;

    public PmtuMonitor(String link, InetAddress peer, PathBinding binding, PmtuSettings s, Duration interval,
                       Duration checkInterval, PmtuListener l) {
        this(link, peer, () -> new PmtuProber(peer, binding, s), s.minMtu(), s.maxProbesPerSize(), interval,
                checkInterval, s.probeTimeout(), l);
        if (LinuxSocket.Family.of(peer) == LinuxSocket.Family.INET6 && s.minMtu() < PmtuSettings.IPV6_MIN_MTU) {
            throw new IllegalArgumentException("minimum MTU " + s.minMtu() + " for an IPv6 peer (expected: >= "
                    + PmtuSettings.IPV6_MIN_MTU + ")");
        }
    }

    PmtuMonitor(String link, InetAddress peer, ProberFactory factory, int smallSize, int failuresToSearch,
                Duration interval, Duration checkInterval, Duration probeTimeout, PmtuListener l) {
        if (interval.toMillis() < 1 || checkInterval.toMillis() < 1) {
            throw new IllegalArgumentException("intervals must be at least 1 ms (interval " + interval + ", check "
                    + checkInterval + ")");
        }
        this.link = link;
        this.peer = peer;
        this.factory = factory;
        this.smallSize = smallSize;
        this.failuresToSearch = failuresToSearch;
        this.intervalNanos = interval.toNanos();
        this.checkIntervalNanos = checkInterval.toNanos();
        this.joinMillis = 2 * probeTimeout.toMillis() + 2000;
        this.listener = l;
        this.thread = Thread.ofPlatform().name("pmtu-" + link).daemon(true).unstarted(this::run);
    }

    public synchronized void start() {
        if (!running && thread.getState() == Thread.State.NEW) {
            running = true;
            thread.start();
        }
    }

    /** The result of the last search, once there is one. */
    public Optional<PmtuResult> lastResult() {
        return Optional.ofNullable(last);
    }

    private void run() {
        Loops loops = Loops.process();
        Heartbeat heartbeat = loops.enter(Loops.DEFAULT_MAX_SILENCE);
        try {
            loop(heartbeat);
        } catch (RuntimeException e) {
            // Not reached in normal operation (each step catches its own); a bug here must not end path-MTU
            // watching silently while the process looks healthy.
            loops.fatal(Thread.currentThread().getName(), "path MTU monitor failed", e);
            return;
        } catch (Error e) {
            loops.fatal(Thread.currentThread().getName(), "error", e);
            return;
        }
        heartbeat.close();
    }

    private void loop(Heartbeat heartbeat) {
        MtuProber prober = null;
        long nextSearch = System.nanoTime();
        long nextCheck = Long.MAX_VALUE;
        int largeFailures = 0;
        try {
            while (running) {
                heartbeat.beat();
                long now = System.nanoTime();
                boolean searchNow = now - nextSearch >= 0;
                if (!searchNow && nextCheck != Long.MAX_VALUE && now - nextCheck >= 0) {
                    if (prober != null && last != null) {
                        Verdict v = check(prober, last.pathMtu(), largeFailures);
                        largeFailures = v.largeFailures();
                        searchNow = v.searchNow();
                    }
                    nextCheck = System.nanoTime() + checkIntervalNanos;
                }
                if (searchNow && running) {
                    if (prober == null) {
                        prober = open(); // tells the listener itself if it fails
                    }
                    if (prober != null) {
                        PmtuResult r;
                        try {
                            r = prober.search();
                        } catch (NativeSocketException | RuntimeException e) {
                            r = PmtuResult.failed(peer, "search failed: " + e.getMessage());
                            prober.close(); // a fresh socket next time
                            prober = null;
                        }
                        if (running) {
                            last = r;
                            notifyListener(r);
                        }
                    }
                    largeFailures = 0;
                    nextSearch = System.nanoTime() + intervalNanos;
                    nextCheck = prober == null ? Long.MAX_VALUE : System.nanoTime() + checkIntervalNanos;
                }
                long wake = nextCheck == Long.MAX_VALUE ? nextSearch
                        : nextSearch - nextCheck < 0 ? nextSearch : nextCheck;
                long sleep = wake - System.nanoTime();
                if (sleep > 0 && running) {
                    LockSupport.parkNanos(this, Math.min(sleep, MAX_PARK_NANOS)); // bounded: the heartbeat
                }
            }
        } finally {
            if (prober != null) {
                prober.close();
            }
        }
    }

    private MtuProber open() {
        try {
            return factory.open();
        } catch (NativeSocketException | RuntimeException e) {
            PmtuResult r = PmtuResult.failed(peer, "cannot open the probe socket: " + e.getMessage());
            if (running) {
                last = r;
                notifyListener(r);
            }
            return null;
        }
    }

    record Verdict(int largeFailures, boolean searchNow) {
    }

    /** One check between searches; returns the new count of failed large probes and whether to search now. */
    Verdict check(MtuProber prober, int pathMtu, int largeFailures) {
        try {
            if (pathMtu <= 0) {
                return new Verdict(0, prober.check(smallSize).confirmed());
            }
            PmtuProber.Check large = prober.check(pathMtu);
            if (large.confirmed()) {
                return new Verdict(0, false);
            }
            if (large.local() || large.ptbMtu() >= smallSize && large.ptbMtu() < pathMtu) {
                return new Verdict(0, true); // the stack or a router says the path MTU shrank
            }
            if (!prober.check(smallSize).confirmed()) {
                return new Verdict(0, false); // the path is down, not narrow: link health covers that
            }
            int n = largeFailures + 1;
            return n >= failuresToSearch ? new Verdict(0, true) : new Verdict(n, false);
        } catch (NativeSocketException | RuntimeException e) {
            return new Verdict(largeFailures, false);
        }
    }

    private void notifyListener(PmtuResult r) {
        try {
            listener.onSearch(link, r);
        } catch (RuntimeException e) {
            Loops.process().failed(e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (thread.getState() != Thread.State.NEW) {
            try {
                thread.join(joinMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
