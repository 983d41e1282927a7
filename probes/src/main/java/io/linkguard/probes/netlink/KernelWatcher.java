package io.linkguard.probes.netlink;

import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One supervised platform thread, "netlink", that follows the kernel's links, addresses, routes
 * and neighbours (rtnetlink(7)). Its socket subscribes to RTMGRP_LINK, RTMGRP_IPV4/IPV6_IFADDR,
 * RTMGRP_IPV4/IPV6_ROUTE and RTMGRP_NEIGH; it dumps links, addresses and neighbours at start and
 * whenever the kernel reports ENOBUFS (its queue overflowed and notifications were lost), then
 * calls {@link KernelListener#onResync} with the rebuilt {@link KernelView}. Between dumps it
 * delivers each notification in kernel order and publishes the view after each. Routes are only
 * delivered, not kept.
 *
 * <p>A listener that throws is reported to {@link Loops#failed} and the thread goes on. A socket
 * that fails is {@link Loops#fatal}: without it the agent would act on a stale picture.
 *
 * <p>The socket is opened by {@link #start()} on the calling thread, so it belongs to that
 * thread's network namespace.
 */
public final class KernelWatcher implements AutoCloseable {
    static final int RECEIVE_BUFFER_BYTES = 1 << 20;
    /** The receive wait: bounds how long close() and a heartbeat wait. */
    static final int POLL_MILLIS = 250;
    /** How long start() waits for the first dump (three dumps of at most 2 s each, and retries). */
    static final long START_TIMEOUT_SECONDS = 15;
    /** NLM_F_DUMP_INTR or an overrun during a dump: dump again, at most this often in a row. */
    static final int MAX_DUMP_ATTEMPTS = 5;

    /** Opens the transport; the real one opens a subscribed NETLINK_ROUTE socket. */
    @FunctionalInterface
    interface TransportFactory {
        NetlinkTransport open() throws IOException;
    }

    private final KernelListener listener;
    private final TransportFactory factory;
    private final Loops loops;
    private final AtomicLong resyncs = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final CountDownLatch firstDump = new CountDownLatch(1);
    private volatile KernelView view = KernelView.EMPTY;
    private volatile boolean running;
    private volatile IOException startFailure;
    private volatile NetlinkTransport transport;
    private Thread thread;
    private int sequence = (int) (System.nanoTime() & 0x3fffffff);

    public KernelWatcher(KernelListener listener) {
        this(listener, () -> NetlinkChannel.open(Rtnetlink.WATCHED_GROUPS, RECEIVE_BUFFER_BYTES), Loops.process());
    }

    KernelWatcher(KernelListener listener, TransportFactory factory, Loops loops) {
        this.listener = listener;
        this.factory = factory;
        this.loops = loops;
    }

    /** Opens the socket, starts the thread and returns once the first dump was delivered (onResync). */
    public synchronized void start() throws IOException {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        transport = factory.open();
        running = true;
        thread = Thread.ofPlatform().name("netlink").daemon(true).unstarted(this::loop);
        thread.start();
        try {
            if (!firstDump.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                close();
                throw new IOException("rtnetlink: no start-up dump within " + START_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted waiting for the rtnetlink start-up dump");
        }
        if (startFailure != null) {
            close();
            throw new IOException("rtnetlink start-up dump failed: " + startFailure.getMessage(), startFailure);
        }
    }

    /** The latest published view; any thread. */
    public KernelView view() {
        return view;
    }

    /** Re-dumps after an overrun (ENOBUFS), one per overrun; the start-up dump is not counted. */
    public long resyncs() {
        return resyncs.get();
    }

    /** Messages that failed to decode, and datagrams dropped as truncated or foreign. */
    public long malformed() {
        NetlinkTransport t = transport;
        return malformed.get() + (t == null ? 0 : t.dropped());
    }

    /** Notifications delivered after a dump. */
    public long events() {
        return events.get();
    }

    /** Stops the thread (within one receive wait) and closes the socket. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (transport != null && (t == null || !t.isAlive())) {
            transport.close();
        }
    }

    private void loop() {
        Heartbeat heartbeat = loops.enter(Loops.DEFAULT_MAX_SILENCE);
        boolean started = false;
        try {
            resync(heartbeat);
            started = true;
            firstDump.countDown();
            while (running) {
                heartbeat.beat(); // receive waits at most POLL_MILLIS
                ByteBuffer d;
                try {
                    d = transport.receive(POLL_MILLIS);
                } catch (NetlinkTransport.Overrun o) {
                    resyncs.incrementAndGet();
                    resync(heartbeat);
                    continue;
                }
                if (d != null) {
                    for (Object m : messages(d)) {
                        view = view.apply(m);
                        events.incrementAndGet();
                        deliver(m);
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            if (!started) {
                startFailure = e instanceof IOException io ? io : new IOException(e.toString(), e);
                firstDump.countDown();
            } else if (running) {
                loops.fatal(Thread.currentThread().getName(), "rtnetlink watcher failed", e);
            }
        } finally {
            heartbeat.close();
            if (!running) {
                transport.close();
            }
        }
    }

    /**
     * Dumps links, addresses and neighbours into a new view, publishes it and calls onResync.
     * Notifications that arrive meanwhile are applied in the order the socket received them,
     * interleaved with the dump's parts: one queued before a part is older than it (after an
     * overrun the queue still holds stale ones). So they are not delivered one by one, as they
     * could undo the newer resync for the listener; only routes, which the view does not keep,
     * are delivered after onResync.
     */
    private void resync(Heartbeat heartbeat) throws IOException {
        for (int attempt = 1; ; attempt++) {
            List<Object> ordered = new ArrayList<>();
            List<RouteMessage> routes = new ArrayList<>();
            boolean consistent = true;
            try {
                for (int type : new int[] {Rtnetlink.RTM_GETLINK, Rtnetlink.RTM_GETADDR, Rtnetlink.RTM_GETNEIGH}) {
                    heartbeat.beat();
                    consistent &= dump(type, ordered, routes);
                }
            } catch (NetlinkTransport.Overrun o) {
                resyncs.incrementAndGet(); // notifications were lost during the dump: dump again
                consistent = false;
            }
            if (!consistent && attempt < MAX_DUMP_ATTEMPTS) {
                continue;
            }
            KernelView built = KernelView.EMPTY;
            for (Object m : ordered) {
                built = built.apply(m);
            }
            KernelView v = built;
            view = v;
            loops.runGuarded(() -> listener.onResync(v));
            for (RouteMessage r : routes) {
                events.incrementAndGet();
                deliver(r);
            }
            return;
        }
    }

    /**
     * One dump: its messages and the notifications that arrive meanwhile go to {@code ordered} in
     * the order received, route notifications also to {@code routes}. False if the kernel marked
     * the dump inconsistent (NLM_F_DUMP_INTR: the table changed while it was dumped).
     */
    private boolean dump(int type, List<Object> ordered, List<RouteMessage> routes) throws IOException {
        int seq = next();
        transport.send(RtnetlinkRequests.dump(type, Rtnetlink.AF_UNSPEC, seq));
        boolean interrupted = false;
        long deadline = System.nanoTime() + RtnetlinkSocket.TIMEOUT_MILLIS * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            ByteBuffer d = left > 0 ? transport.receive((int) Math.min(left, POLL_MILLIS)) : null;
            if (d == null) {
                if (left > 0) {
                    continue;
                }
                throw new IOException("dump " + Rtnetlink.typeName(type) + ": no answer within "
                        + RtnetlinkSocket.TIMEOUT_MILLIS + " ms");
            }
            NetlinkMessages.Batch batch = NetlinkMessages.decode(d);
            malformed.addAndGet(batch.malformed());
            for (NetlinkMessages.Frame f : batch.frames()) {
            boolean ours = f.header().sequence() == seq && f.header().portId() == transport.portId();
                if (!ours) {
                    if (f.body() instanceof RouteMessage r) {
                        routes.add(r);
                    } else if (isKernelMessage(f.body())) {
                        ordered.add(f.body());
                    }
                    continue;
                }
                interrupted |= (f.header().flags() & Rtnetlink.NLM_F_DUMP_INTR) != 0;
                switch (f.body()) {
                    case NetlinkMessages.Control c when c == NetlinkMessages.Control.DONE -> {
                        return !interrupted;
                    }
                    case NetlinkErrorCodec.NetlinkError e when !e.ack() ->
                            throw RtnetlinkException.of("dump " + Rtnetlink.typeName(type), -e.error(), null, false,
                                    e.kernelMessage().orElse(null));
                    case Object o when isKernelMessage(o) -> ordered.add(o);
                    default -> {
                    }
                }
            }
        }
    }

    /** The kernel messages of one datagram of notifications; the rest (malformed included) counted or skipped. */
    private List<Object> messages(ByteBuffer d) {
        NetlinkMessages.Batch batch = NetlinkMessages.decode(d);
        malformed.addAndGet(batch.malformed());
        List<Object> out = new ArrayList<>();
        for (NetlinkMessages.Frame f : batch.frames()) {
            if (isKernelMessage(f.body())) {
                out.add(f.body());
            }
        }
        return out;
    }

    private static boolean isKernelMessage(Object o) {
        return o instanceof LinkMessage || o instanceof AddressMessage || o instanceof RouteMessage
                || o instanceof NeighborMessage;
    }

    private void deliver(Object m) {
        loops.runGuarded(() -> {
            switch (m) {
                case LinkMessage l -> listener.onLink(l);
                case AddressMessage a -> listener.onAddress(a);
                case RouteMessage r -> listener.onRoute(r);
                case NeighborMessage n -> listener.onNeighbor(n);
                default -> throw new IllegalStateException("not a kernel message: " + m);
            }
        });
    }

    private int next() {
        sequence = (sequence + 1) & 0x7fffffff;
        return sequence == 0 ? ++sequence : sequence;
    }
}
