package io.linkguard.probes.netlink;

import io.linkguard.core.supervise.Loops;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The watcher's dump, event, ENOBUFS-resync and failure paths against a {@link FakeKernel}. */
class KernelWatcherTest {
    private static final int UP_RUNNING = LinkMessage.IFF_UP | LinkMessage.IFF_RUNNING;

    private final FakeKernel kernel = new FakeKernel();
    private final List<String> halts = new CopyOnWriteArrayList<>();
    private final Loops loops = new Loops(System::nanoTime, halts::add);
    private final BlockingQueue<Object> calls = new LinkedBlockingQueue<>();
    private volatile boolean throwOnLink;
    private final KernelListener listener = new KernelListener() {
        @Override
        public void onResync(KernelView view) {
            assertThat(Thread.currentThread().getName()).isEqualTo("netlink");
            calls.add(view);
        }

        @Override
        public void onLink(LinkMessage m) {
            if (throwOnLink) {
                throw new IllegalStateException("listener bug");
            }
            calls.add(m);
        }

        @Override
        public void onAddress(AddressMessage m) {
            calls.add(m);
        }

        @Override
        public void onRoute(RouteMessage m) {
            calls.add(m);
        }

        @Override
        public void onNeighbor(NeighborMessage m) {
            calls.add(m);
        }
    };
    private KernelWatcher watcher;

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private KernelWatcher started() throws IOException {
        kernel.dump(Rtnetlink.RTM_GETLINK, FakeKernel.link(Rtnetlink.RTM_NEWLINK, 3, '0', UP_RUNNING));
        kernel.dump(Rtnetlink.RTM_GETADDR, Golden.NEWADDR_V4);
        kernel.dump(Rtnetlink.RTM_GETNEIGH, Golden.NEWNEIGH);
        watcher = new KernelWatcher(listener, () -> kernel, loops);
        watcher.start();
        return watcher;
    }

    private Object next() throws InterruptedException {
        Object o = calls.poll(5, TimeUnit.SECONDS);
        assertThat(o).as("a listener call within 5 s").isNotNull();
        return o;
    }

    @Test
    void startReturnsAfterTheFirstResyncWithTheWholeView() throws Exception {
        started();
        // start() returned, so the resync was already delivered: no waiting here.
        KernelView v = (KernelView) calls.poll();
        assertThat(v).isNotNull().isEqualTo(watcher.view());
        assertThat(v.link("eth0")).map(LinkMessage::index).contains(3);
        assertThat(v.hasAddress(InetAddress.ofLiteral("192.0.2.1"))).isTrue();
        assertThat(v.neighbor(3, InetAddress.ofLiteral("192.0.2.2"))).isPresent();
        assertThat(kernel.requests).containsExactly(Rtnetlink.RTM_GETLINK, Rtnetlink.RTM_GETADDR,
                Rtnetlink.RTM_GETNEIGH);
        assertThat(watcher.resyncs()).isZero();
    }

    @Test
    void notificationsAreDeliveredInOrderAndUpdateTheView() throws Exception {
        started();
        next();
        kernel.notify(FakeKernel.link(Rtnetlink.RTM_NEWLINK, 3, '0', LinkMessage.IFF_UP), Golden.NEWROUTE_V4);
        LinkMessage down = (LinkMessage) next();
        assertThat(down.operationallyUp()).isFalse();
        assertThat(next()).isInstanceOf(RouteMessage.class);
        assertThat(watcher.view().link("eth0")).hasValueSatisfying(l -> assertThat(l.operationallyUp()).isFalse());
        kernel.notify(FakeKernel.link(Rtnetlink.RTM_DELLINK, 3, '0', 0));
        assertThat(((LinkMessage) next()).deleted()).isTrue();
        assertThat(watcher.view().link("eth0")).isEmpty();
        assertThat(watcher.view().neighbors()).isEmpty(); // the neighbour was on index 3 too
        assertThat(watcher.events()).isEqualTo(3);
    }

    @Test
    void anOverrunDumpsAgainAndResyncs() throws Exception {
        started();
        next();
        // While the socket overflowed eth0 went away and eth5 appeared: only a new dump can tell.
        kernel.dump(Rtnetlink.RTM_GETLINK, FakeKernel.link(Rtnetlink.RTM_NEWLINK, 5, '5', UP_RUNNING));
        kernel.overrun();
        KernelView v = (KernelView) next();
        assertThat(v.link("eth0")).isEmpty();
        assertThat(v.link("eth5")).map(LinkMessage::index).contains(5);
        assertThat(watcher.resyncs()).isEqualTo(1);
        assertThat(watcher.view()).isEqualTo(v);
        assertThat(kernel.requests).hasSize(6);
    }

    @Test
    void notificationsQueuedBeforeTheDumpAreFoldedInNotDeliveredExceptRoutes() throws Exception {
        byte[] stale = FakeKernel.link(Rtnetlink.RTM_NEWLINK, 3, '0', UP_RUNNING);
        java.nio.ByteBuffer.wrap(stale).order(java.nio.ByteOrder.nativeOrder()).putInt(48, 1300); // IFLA_MTU value
        kernel.notify(stale, Golden.NEWROUTE_V4); // queued on the socket before the dump's reply
        started();
        KernelView v = (KernelView) next();
        assertThat(v.link("eth0")).map(LinkMessage::mtu).contains(1500); // the dump is newer than the queued event
        assertThat(next()).isInstanceOf(RouteMessage.class); // routes are not in the view: delivered
        assertThat(calls.poll(300, TimeUnit.MILLISECONDS)).isNull(); // the stale link event is not
        assertThat(watcher.view().link("eth0")).map(LinkMessage::mtu).contains(1500);
    }

    @Test
    void aListenerThatThrowsIsReportedAndTheThreadGoesOn() throws Exception {
        started();
        next();
        throwOnLink = true;
        kernel.notify(FakeKernel.link(Rtnetlink.RTM_NEWLINK, 3, '0', 0), Golden.NEWADDR_V6);
        assertThat(next()).isInstanceOf(AddressMessage.class);
        assertThat(loops.errors("netlink")).isEqualTo(1);
        assertThat(halts).isEmpty();
    }

    @Test
    void aMalformedNotificationIsCountedAndSkipped() throws Exception {
        started();
        next();
        byte[] bad = Golden.NEWNEIGH.clone();
        bad[NetlinkHeader.BYTES + NeighborMessageCodec.BYTES] = 5; // NDA_DST of 1 byte
        kernel.notify(bad, Golden.NEWADDR_V6);
        assertThat(next()).isInstanceOf(AddressMessage.class);
        assertThat(watcher.malformed()).isEqualTo(1);
    }

    @Test
    void aFailedSocketIsFatal() throws Exception {
        started();
        next();
        kernel.fail(new IOException("recvfrom: EBADF"));
        kernel.notify(Golden.NEWADDR_V6); // never delivered: the thread is gone
        assertThat(calls.poll(2, TimeUnit.SECONDS)).isNull();
        assertThat(halts).singleElement().asString().contains("netlink loop cannot go on")
                .contains("rtnetlink watcher failed");
    }

    @Test
    void aFailedStartUpDumpFailsStart() {
        kernel.fail(new IOException("recvfrom: EBADF"));
        watcher = new KernelWatcher(listener, () -> kernel, loops);
        assertThatThrownBy(watcher::start).isInstanceOf(IOException.class)
                .hasMessageContaining("rtnetlink start-up dump failed");
        assertThat(halts).isEmpty();
        assertThat(kernel.closed).isTrue();
    }

    @Test
    void closeStopsTheThreadAndClosesTheSocket() throws Exception {
        started();
        watcher.close();
        assertThat(kernel.closed).isTrue();
        assertThat(loops.beats()).noneMatch(b -> b.thread().equals("netlink"));
    }
}
