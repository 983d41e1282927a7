package io.linkguard.agent.runtime;

import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;
import io.linkguard.probes.netlink.AddressMessage;
import io.linkguard.probes.netlink.KernelListener;
import io.linkguard.probes.netlink.KernelView;
import io.linkguard.probes.netlink.LinkMessage;
import io.linkguard.probes.netlink.NeighborMessage;
import io.linkguard.probes.netlink.RouteMessage;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the netlink watcher hears, handed on without blocking it: a link or address change wakes the
 * {@code bindings} thread, which reads the watcher's latest view and lets {@link RunningLinks} tell each
 * link's controller and bind, unbind or re-bind its probes. Changes that arrive while it works are
 * coalesced into one more pass over the newest view: only the latest state matters, never the order of
 * intermediate ones. Route changes go to {@code routes} on the netlink thread itself (a lock-free publish
 * into the links' inboxes).
 */
final class KernelEvents implements KernelListener, AutoCloseable {
    /** A reload may hold RunningLinks for a while (a hook of a link it stops may run 15 s): not a hang. */
    private static final Duration MAX_SILENCE = Duration.ofSeconds(60);

    private final Semaphore changed = new Semaphore(0);
    private final Supplier<KernelView> view;
    private final Consumer<KernelView> onChange;
    private final RouteWatch routes;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param view     the watcher's latest view
     * @param onChange runs on the {@code bindings} thread with the newest view ({@link RunningLinks#kernelChanged})
     * @param routes   route changes and interfaces going down, on the netlink thread; must not block
     */
    KernelEvents(Supplier<KernelView> view, Consumer<KernelView> onChange, RouteWatch routes) {
        this.view = view;
        this.onChange = onChange;
        this.routes = routes;
        this.thread = Thread.ofPlatform().name("bindings").daemon(true).unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    @Override
    public void onResync(KernelView v) {
        wake();
        routes.resynced();
    }

    /** Who hears of route changes; called on the netlink thread, so it only publishes facts. */
    interface RouteWatch {
        void route(RouteMessage m);

        /**
         * An interface changed: going down or away, the kernel flushes routes through it without a message
         * for each; coming up, routes that could not be put back through it can be now.
         */
        void interfaceChanged(LinkMessage m);

        /** Notifications were lost (ENOBUFS) and the tables read again: any route may have changed. */
        void resynced();
    }

    @Override
    public void onLink(LinkMessage m) {
        wake();
        routes.interfaceChanged(m);
    }

    @Override
    public void onAddress(AddressMessage m) {
        wake();
    }

    @Override
    public void onRoute(RouteMessage m) {
        routes.route(m);
    }

    @Override
    public void onNeighbor(NeighborMessage m) {
        // BFD echo reads neighbours from the view when it sends; nothing is bound to them
    }

    private void wake() {
        if (changed.availablePermits() == 0) {
            changed.release();
        }
    }

    private void loop() {
        Loops loops = Loops.process();
        Heartbeat heartbeat = loops.enter(MAX_SILENCE);
        try {
            while (running) {
                heartbeat.beat();
                if (changed.tryAcquire(1, TimeUnit.SECONDS) && running) {
                    changed.drainPermits(); // coalesced: the view read now holds every change so far
                    loops.runGuarded(() -> onChange.accept(view.get()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heartbeat.close();
        }
    }

    @Override
    public void close() {
        running = false;
        changed.release(); // wakes it without an interrupt, which could cut a bind half-way
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
