package io.linkguard.agent.systemd;

import io.linkguard.core.log.Log;
import io.linkguard.probes.sched.LagListener;
import io.linkguard.probes.sched.ProbeScheduler;

import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * systemd's software watchdog (sd_watchdog_enabled(3)): with {@code WatchdogSec}
 * set, systemd passes {@code WATCHDOG_USEC} and expects {@code WATCHDOG=1}
 * within that time. We check and ping at half of it, as the man page
 * recommends, from a thread of our own, but only while {@link WatchdogPolicy}
 * says the probe scheduler is healthy and every supervised loop ({@link Loops})
 * has beaten recently. The scheduler proves itself through a heartbeat task and
 * through the lag of every task it runs; the other loops through their own
 * heartbeats.
 */
public final class Watchdog implements LagListener, AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofMillis(250);

    private final SdNotify notify;
    private final Duration interval;
    private final WatchdogPolicy policy;
    private final LongSupplier nanoTime;
    private final Supplier<List<Heartbeat.Beat>> loops;
    private final AtomicLong lastBeat;
    private final AtomicLong worstLag = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;
    private String lastProblem;

    Watchdog(SdNotify notify, Duration interval, WatchdogPolicy policy, LongSupplier nanoTime) {
        this(notify, interval, policy, nanoTime, List::of);
    }

    Watchdog(SdNotify notify, Duration interval, WatchdogPolicy policy, LongSupplier nanoTime,
             Supplier<List<Heartbeat.Beat>> loops) {
        this.loops = loops;
        this.notify = notify;
        this.interval = interval;
        this.policy = policy;
        this.nanoTime = nanoTime;
        this.lastBeat = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * The watchdog systemd asked for, if any: {@code WATCHDOG_USEC} set and
     * {@code WATCHDOG_PID} absent or ours.
     */
    public static Optional<Watchdog> fromEnvironment(Map<String, String> env, SdNotify notify) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null || !notify.enabled()) {
            return Optional.empty();
        }
        String pid = env.get("WATCHDOG_PID");
        if (pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid()))) {
            return Optional.empty(); // meant for another process of the unit
        }
        long micros;
        try {
            micros = Long.parseLong(usec);
        } catch (NumberFormatException e) {
            Log.warn("WATCHDOG_USEC=%s is not a number: watchdog off", usec);
            return Optional.empty();
        }
        if (micros <= 0) {
            return Optional.empty();
        }
        Duration timeout = Duration.ofNanos(micros * 1000);
        Duration half = timeout.dividedBy(2);
        // The bound: a scheduler more than half the watchdog period (at most 2 s) behind is not healthy;
        // 2 s late means a 1 s probe already missed a slot.
        long bound = Math.min(half.toNanos(), Duration.ofSeconds(2).toNanos());
        return Optional.of(new Watchdog(notify, half, new WatchdogPolicy(Math.max(bound,
                HEARTBEAT.toNanos() * 2)), System::nanoTime, Loops.process()::beats));
    }

    /** Starts the heartbeat on {@code scheduler} and the pinging thread. */
    public void start(ProbeScheduler scheduler) {
        scheduler.scheduleAtFixedRate(HEARTBEAT, HEARTBEAT, this::beat);
        thread = Thread.ofPlatform().name("watchdog").daemon(true).start(this::loop);
        Log.info("systemd watchdog: pinging every %d ms while the probe scheduler lags less than %d ms and every"
                        + " supervised loop beats within its bound (%d now)",
                interval.toMillis(), policy.maxLagNanos() / 1_000_000, loops.get().size());
    }

    void beat() {
        lastBeat.set(nanoTime.getAsLong());
    }

    @Override
    public void onLag(long lagNanos, long skippedSlots) {
        worstLag.accumulateAndGet(lagNanos, Math::max);
    }

    /** One check: pings if healthy. Returns true if it pinged. */
    boolean check() {
        long now = nanoTime.getAsLong();
        long sinceBeat = now - lastBeat.get();
        Optional<String> problem = policy.problem(sinceBeat, worstLag.getAndSet(0));
        if (problem.isEmpty()) {
            problem = WatchdogPolicy.staleLoop(loops.get(), now);
        }
        if (problem.isEmpty()) {
            if (lastProblem != null) {
                Log.notice("systemd watchdog: probe scheduler and loops healthy again, pinging");
                lastProblem = null;
            }
            notify.watchdog();
            return true;
        }
        if (lastProblem == null) {
            Log.error("systemd watchdog: not pinging: %s; systemd restarts the agent if this lasts", problem.get());
        }
        lastProblem = problem.get();
        notify.status("unhealthy: " + problem.get());
        return false;
    }

    private void loop() {
        while (running) {
            check();
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
