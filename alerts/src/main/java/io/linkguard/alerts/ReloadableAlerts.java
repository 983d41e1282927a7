package io.linkguard.alerts;

import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.core.log.Log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's alert channels across reloads: one {@link AlertDispatcher} at a time, replaced in place.
 * A replacement is built and checked first ({@link AlertDispatcher#plan}: secrets read, spool directories
 * proven usable); only then is the running dispatcher closed (what it cannot deliver stays in the spool,
 * which the new one sends) and the new one started. If the new channels cannot be built, the running ones
 * are not touched. If they fail to start after the old ones stopped (a race with the disk), the old ones
 * are started again from their plan. Events published during the switch are held and handed to whichever
 * dispatcher runs afterwards, so nothing published is lost to a reload.
 */
public final class ReloadableAlerts implements AlertSink, AutoCloseable {
    /** Events held while dispatchers switch (the old one may take CLOSE_BOUND + ABORT_GRACE, see AlertDispatcher). */
    static final int MAX_HELD = 10_000;

    /** What a {@link #replace} did. */
    public record Outcome(boolean applied, Optional<String> problem) {
        public Outcome {
            Objects.requireNonNull(problem, "problem");
        }
    }

    private final String node;
    private final AlertCounters counters = new AlertCounters();
    private final Object lock = new Object();
    // Guarded by lock.
    private AlertDispatcher running;
    private List<AlertEvent> held;
    private long heldDropped;
    private boolean closed;

    public ReloadableAlerts(String node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    /** What every dispatcher this starts counts, across reloads: for the exporter's alert metrics. */
    public AlertCounters counters() {
        return counters;
    }

    /**
     * Starts the channels of {@code alerts} (none if empty or without channels); at start-up.
     *
     * @throws IOException if they cannot be built or started; nothing runs then
     */
    public void start(Optional<AlertsConfig> alerts, Path stateDirectory) throws IOException {
        if (!hasChannels(alerts)) {
            return;
        }
        AlertDispatcher d = AlertDispatcher.start(AlertDispatcher.plan(alerts.get(), node, stateDirectory), counters);
        synchronized (lock) {
            if (closed) {
                d.close();
                return;
            }
            running = d;
        }
    }

    /**
     * Replaces the running channels with those of {@code next} (none if empty).
     *
     * @return applied, or not applied with the reason; when not applied the previous channels still run
     *         (unless even restarting them failed, which the reason then says)
     */
    public Outcome replace(Optional<AlertsConfig> next, Path stateDirectory) {
        AlertDispatcher.Plan plan = null;
        if (hasChannels(next)) {
            try {
                plan = AlertDispatcher.plan(next.get(), node, stateDirectory);
            } catch (IOException | RuntimeException e) {
                return new Outcome(false, Optional.of("alert channels not changed, the running ones stay: "
                        + e.getMessage()));
            }
        }
        AlertDispatcher old;
        synchronized (lock) {
            if (closed) {
                return new Outcome(false, Optional.of("alert channels not changed: the agent is stopping"));
            }
            old = running;
            running = null;
            held = new ArrayList<>();
        }
        if (old != null) {
            old.close(); // what it cannot deliver now stays in the spool, for the next dispatcher
        }
        AlertDispatcher started = null;
        Outcome outcome = new Outcome(true, Optional.empty());
        if (plan != null) {
            try {
                started = AlertDispatcher.start(plan, counters);
            } catch (IOException | RuntimeException e) {
                String why = "alert channels not changed: " + e.getMessage();
                started = restart(old);
                outcome = new Outcome(false, Optional.of(started != null || old == null
                        ? why + "; the previous channels were started again"
                        : why + "; the previous channels could not be started again either: no alert channel runs"));
            }
        }
        synchronized (lock) {
            running = started;
            List<AlertEvent> pending = held;
            held = null;
            if (started != null) {
                pending.forEach(started::publish);
            } else if (!pending.isEmpty() && !outcome.applied()) {
                Log.error("alerts: %d event(s) published during the reload had no channel left to go to",
                        pending.size());
            } // else alerting was turned off: no channel, as intended
            if (heldDropped > 0) {
                Log.warn("alerts: %d event(s) published during the reload did not fit in the hold (%d) and were"
                        + " dropped", heldDropped, MAX_HELD);
                heldDropped = 0;
            }
            if (closed && started != null) {
                running = null;
            } else {
                return outcome;
            }
        }
        started.close(); // close() ran during the switch
        return outcome;
    }

    private AlertDispatcher restart(AlertDispatcher old) {
        if (old == null) {
            return null;
        }
        try {
            return AlertDispatcher.start(old.plan(), counters);
        } catch (IOException | RuntimeException e) {
            Log.error("alerts: cannot start the previous channels again: %s", e.getMessage());
            return null;
        }
    }

    private static boolean hasChannels(Optional<AlertsConfig> alerts) {
        return alerts.isPresent() && !alerts.get().channels().isEmpty();
    }

    @Override
    public void publish(AlertEvent e) {
        Objects.requireNonNull(e, "e");
        synchronized (lock) { // publish only queues: cheap under the lock, and never lost to a switch
            if (held != null) {
                if (held.size() < MAX_HELD) {
                    held.add(e);
                } else {
                    heldDropped++;
                }
            } else if (running != null) {
                running.publish(e);
            }
        }
    }

    /** True while a {@link #replace} is between stopping the old channels and starting the new ones. */
    boolean switching() {
        synchronized (lock) {
            return held != null;
        }
    }

    /** Each running channel's queue and last result, for /status. */
    public List<ChannelStatus> status() {
        AlertDispatcher d;
        synchronized (lock) {
            d = running;
        }
        return d == null ? List.of() : d.status();
    }

    /** Closes the running channels (delivering what it can in {@link AlertDispatcher#CLOSE_BOUND}). Idempotent. */
    @Override
    public void close() {
        AlertDispatcher d;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            d = running;
            running = null;
        }
        if (d != null) {
            d.close();
        }
    }
}
