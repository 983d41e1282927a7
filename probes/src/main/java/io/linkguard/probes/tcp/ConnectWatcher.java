package io.linkguard.probes.tcp;

import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.PollEvents;
import io.linkguard.probes.net.PollSet;
import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One platform thread that watches every connect in flight with poll(2) and
 * completes each when its socket turns writable, fails, or reaches its
 * deadline. Starting a connect wakes the poller through an eventfd, so the
 * measured handshake time includes no wait for the next poll round.
 */
public final class ConnectWatcher implements AutoCloseable {
    /** Told how a connect ended: errno 0 on success, -1 on deadline; at the poller's monotonic time. */
    interface Completion {
        void complete(int errno, long endNanos);
    }

    private record Pending(LinuxSocket socket, long deadlineNanos, Completion completion) {
    }

    private static final int MAX_IN_FLIGHT = 4096;
    private static final int IDLE_POLL_MILLIS = 500;

    private final ConcurrentLinkedQueue<Pending> incoming = new ConcurrentLinkedQueue<>();
    private final List<Pending> inFlight = new ArrayList<>();
    private final PollSet pollSet;
    private final Thread thread;
    private final Loops loops;
    private volatile boolean running = true;

    public ConnectWatcher() throws NativeSocketException {
        this(Loops.process());
    }

    ConnectWatcher(Loops loops) throws NativeSocketException {
        this.loops = loops;
        this.pollSet = new PollSet(MAX_IN_FLIGHT);
        this.thread = Thread.ofPlatform().name("tcp-connect").daemon(true).unstarted(this::loop);
        this.thread.start();
    }

    void watch(LinuxSocket socket, long deadlineNanos, Completion completion) {
        incoming.add(new Pending(socket, deadlineNanos, completion));
        pollSet.wakeup();
    }

    private void loop() {
        Heartbeat heartbeat = loops.enter(Loops.DEFAULT_MAX_SILENCE);
        try {
            while (running) {
                heartbeat.beat(); // the idle poll is bounded (IDLE_POLL_MILLIS), so this beats at least twice a second
                for (Pending p; (p = incoming.poll()) != null; ) {
                    if (inFlight.size() < MAX_IN_FLIGHT) {
                        inFlight.add(p);
                    } else {
                        finish(p, -1, System.nanoTime()); // over capacity: report as a timeout rather than queue unbounded
                    }
                }
                pollSet.clear();
                long now = System.nanoTime();
                long nearest = Long.MAX_VALUE;
                for (Pending p : inFlight) {
                    pollSet.add(p.socket().fd(), PollEvents.POLLOUT);
                    nearest = Math.min(nearest, p.deadlineNanos());
                }
                int timeout = inFlight.isEmpty() ? IDLE_POLL_MILLIS
                        : (int) Math.max(0, Math.min(IDLE_POLL_MILLIS, (nearest - now + 999_999) / 1_000_000));
                pollSet.poll(timeout);
                long end = System.nanoTime();
                List<Pending> still = new ArrayList<>(inFlight.size());
                for (int i = 0; i < inFlight.size(); i++) {
                    Pending p = inFlight.get(i);
                    int rev = pollSet.revents(i);
                    if (rev != 0) {
                        int errno;
                        try {
                            errno = p.socket().pendingError();
                        } catch (NativeSocketException e) {
                            errno = e.rawErrno();
                        }
                        finish(p, errno, end);
                    } else if (end >= p.deadlineNanos()) {
                        finish(p, -1, end);
                    } else {
                        still.add(p);
                    }
                }
                inFlight.clear();
                inFlight.addAll(still);
            }
        } catch (NativeSocketException | Error e) {
            if (running) {
                // poll(2) on our own descriptors failing is no transient condition: without this thread
                // no connect ever completes, so restart the process rather than report nothing.
                loops.fatal(Thread.currentThread().getName(), "connect watcher failed", e);
            }
        } finally {
            long now = System.nanoTime();
            inFlight.forEach(p -> finish(p, -1, now));
            for (Pending p; (p = incoming.poll()) != null; ) {
                finish(p, -1, now);
            }
        }
        heartbeat.close(); // an orderly stop (after a fatal one the process is gone)
    }

    /** Closes the socket and tells the probe; a probe listener that throws is counted and the loop goes on. */
    private void finish(Pending p, int errno, long endNanos) {
        p.socket().close();
        try {
            p.completion().complete(errno, endNanos);
        } catch (RuntimeException e) {
            loops.failed(e);
        }
    }

    @Override
    public void close() {
        running = false;
        pollSet.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pollSet.close();
    }
}
