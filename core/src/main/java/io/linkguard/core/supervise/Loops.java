package io.linkguard.core.supervise;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Supervision of the agent's long-lived loops (icmp-rx-*, tcp-connect,
 * probe-timer, bfd, pmtu-*, links, alerts-*, failover-*, reload, netlink), so that none dies
 * silently. A loop registers a {@link Heartbeat} from its own thread and
 * beats it every iteration; a callback that throws a RuntimeException is
 * reported to {@link #failed}, which logs it with its stack (once per thread
 * kind and exception class), counts it per thread kind, and the loop goes on.
 * A loop that cannot go on (an Error, or a fatal condition of its own) calls
 * {@link #fatal}, which logs one clear line and halts the process so the
 * service manager restarts it: a process with a dead loop looks alive to
 * systemd while its links go stale.
 *
 * <p>The thread kind ("thread" label) is the thread's base name:
 * {@code icmp-rx-0} is {@code icmp_rx}, {@code failover-wan1} is {@code failover}.
 * Later loops plug in the same way: register a heartbeat, report failures.
 * Lives in probes, the bottom module, so bfd and agent can use it too.
 */
public final class Loops {
    /** Thread kinds whose error counters exist from the start. */
    public static final List<String> KNOWN = List.of("icmp_rx", "tcp_connect", "probe_timer", "bfd", "pmtu",
            "alerts", "failover", "reload", "links", "netlink", "bindings");
    /** Name prefixes of per-instance threads (the suffix is a number, link or channel name). */
    private static final List<String> PREFIXES = List.of("icmp-rx-", "pmtu-", "alerts-", "failover-");
    /** Silence allowed to a loop that wakes at least every second. */
    public static final Duration DEFAULT_MAX_SILENCE = Duration.ofSeconds(5);
    /** Exit status of a halt: EX_SOFTWARE (sysexits.h), as the BFD engine has used. */
    public static final int HALT_STATUS = 70;

    /** How a fatal condition ends the process; tests record it instead. */
    public interface Halt {
        void halt(String message);
    }

    private static final Loops PROCESS = new Loops(System::nanoTime, message -> {
        System.err.println("<2>" + message + "; halting so the service manager restarts the agent");
        System.err.flush();
        Runtime.getRuntime().halt(HALT_STATUS);
    });

    /**
     * Masks secrets in what is printed (message and stack alike): an exception's message may quote a URL
     * or token (an alert channel's), and stderr goes to the journal. Process-wide, installed by the agent.
     */
    private static volatile UnaryOperator<String> redactor = UnaryOperator.identity();

    private final LongSupplier nanoTime;
    private final Halt halt;
    private final Supplier<PrintStream> err;
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final Map<Heartbeat, Boolean> heartbeats = new ConcurrentHashMap<>();
    private final ThreadLocal<Heartbeat> current = new ThreadLocal<>();

    public Loops(LongSupplier nanoTime, Halt halt) {
        this(nanoTime, halt, () -> System.err);
    }

    /** @param err where failures are printed (stderr; a buffer in tests) */
    Loops(LongSupplier nanoTime, Halt halt, Supplier<PrintStream> err) {
        this.nanoTime = nanoTime;
        this.halt = halt;
        this.err = err;
        KNOWN.forEach(k -> errors.put(k, new AtomicLong()));
    }

    /**
     * Sets the function every printed failure passes through (identity until set); for the agent, which
     * masks its alert channels' secrets (and any URL) with it. Applies to every {@code Loops}.
     */
    public static void setRedactor(UnaryOperator<String> r) {
        redactor = java.util.Objects.requireNonNull(r, "r");
    }

    /** The text as printed: through the redactor; a redactor that fails prints nothing of the text. */
    private static String redact(String text) {
        try {
            return redactor.apply(text);
        } catch (RuntimeException e) {
            return "[not shown: the redactor failed with " + e.getClass().getName() + "]";
        }
    }

    private void print(String line) {
        PrintStream out = err.get();
        out.println(redact(line));
        out.flush();
    }

    /** The loops of this process. */
    public static Loops process() {
        return PROCESS;
    }

    /** {@code icmp-rx-0} to {@code icmp_rx}, {@code probe-timer} to {@code probe_timer}. */
    public static String base(String threadName) {
        for (String p : PREFIXES) {
            if (threadName.startsWith(p)) {
                return p.substring(0, p.length() - 1).replace('-', '_');
            }
        }
        return threadName.replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /**
     * Registers the calling thread's loop; call it first thing on that thread.
     * {@link #beatCurrent()} on the same thread then beats it too.
     */
    public Heartbeat enter(Duration maxSilence) {
        Heartbeat[] self = new Heartbeat[1];
        Heartbeat h = new Heartbeat(Thread.currentThread().getName(), maxSilence.toNanos(), nanoTime, () -> {
            heartbeats.remove(self[0]);
            if (current.get() == self[0]) {
                current.remove();
            }
        });
        self[0] = h;
        heartbeats.put(h, Boolean.TRUE);
        current.set(h);
        return h;
    }

    /** Beats the calling thread's heartbeat, if it has one: for long work deep inside a loop (a PMTU search). */
    public void beatCurrent() {
        Heartbeat h = current.get();
        if (h != null) {
            h.beat();
        }
    }

    /** Every registered loop's last beat. */
    public List<Heartbeat.Beat> beats() {
        List<Heartbeat.Beat> out = new ArrayList<>();
        heartbeats.keySet().forEach(h -> out.add(h.view()));
        return out;
    }

    public long nanoTime() {
        return nanoTime.getAsLong();
    }

    /**
     * A callback of {@code thread}'s loop threw; the loop goes on. Logged with
     * its stack the first time per thread kind and exception class (a listener
     * that throws on every reply must not flood the journal), counted always.
     */
    public void failed(String thread, Throwable e) {
        String base = base(thread);
        errors.computeIfAbsent(base, k -> new AtomicLong()).incrementAndGet();
        if (logged.add(base + "/" + e.getClass().getName())) {
            print("<3>" + thread + ": internal error, the loop goes on (further " + e.getClass().getName()
                    + " here are only counted in linkguard_internal_errors_total{thread=\"" + base + "\"}): "
                    + stack(e));
        }
    }

    /** {@link #failed} for the calling thread. */
    public void failed(Throwable e) {
        failed(Thread.currentThread().getName(), e);
    }

    /** The loop of {@code thread} cannot go on: log one line and halt the process. */
    public void fatal(String thread, String why, Throwable e) {
        String base = base(thread);
        errors.computeIfAbsent(base, k -> new AtomicLong()).incrementAndGet();
        if (e != null) {
            print("<2>" + thread + ": " + stack(e));
        }
        halt.halt(redact(thread + " loop cannot go on: " + why + (e == null ? "" : ": " + e)));
    }

    /**
     * Runs {@code body} once as one iteration of the calling thread's loop:
     * a RuntimeException is {@link #failed}, an Error is {@link #fatal}.
     * Returns false if it failed.
     */
    public boolean runGuarded(Runnable body) {
        try {
            body.run();
            return true;
        } catch (RuntimeException e) {
            failed(e);
            return false;
        } catch (Error e) {
            fatal(Thread.currentThread().getName(), "error", e);
            return false;
        }
    }

    /** {@code task} wrapped by {@link #runGuarded}, for executor threads (failover-*). */
    public Runnable guard(Runnable task) {
        return () -> runGuarded(task);
    }

    /** Internal errors counted for the thread kind {@code base}. */
    public long errors(String base) {
        AtomicLong n = errors.get(base);
        return n == null ? 0 : n.get();
    }

    /** Every thread kind with its count (the known ones from the start). */
    public Map<String, Long> errorCounts() {
        Map<String, Long> out = new java.util.TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static String stack(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString().stripTrailing();
    }
}
