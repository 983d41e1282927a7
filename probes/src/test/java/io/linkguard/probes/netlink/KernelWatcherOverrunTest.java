package io.linkguard.probes.netlink;

import io.linkguard.core.supervise.Loops;
import io.linkguard.probes.testing.NetNs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real ENOBUFS: the watcher's socket gets the smallest receive buffer, its thread is held in a
 * listener while the namespace's kernel sends a burst of link notifications, then released; the
 * kernel has dropped some, recv reports ENOBUFS, and the watcher dumps again and resyncs. Needs root.
 */
@Tag("privileged")
class KernelWatcherOverrunTest {
    @Test
    void aRealOverrunIsCountedAndResynced() throws Exception {
        try (NetNs ns = new NetNs()) {
            ns.ip("link", "add", "lgnl-a", "type", "veth", "peer", "name", "lgnl-b");
            BlockingQueue<KernelView> resyncs = new LinkedBlockingQueue<>();
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            KernelListener listener = new KernelListener() {
                @Override
                public void onResync(KernelView view) {
                    resyncs.add(view);
                }

                @Override
                public void onLink(LinkMessage m) {
                    held.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            // SO_RCVBUFFORCE 1 is raised to the kernel's minimum (a few KiB): a handful of RTM_NEWLINKs.
            try (KernelWatcher w = new KernelWatcher(listener,
                    () -> NetlinkChannel.open(Rtnetlink.WATCHED_GROUPS, 1), Loops.process())) {
                ns.call(() -> {
                    w.start();
                    return null;
                });
                assertThat(resyncs.poll()).isNotNull();
                ns.ip("link", "set", "lgnl-a", "mtu", "1400");
                assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
                Path batch = Files.createTempFile("lgnl-", ".batch");
                try {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < 200; i++) {
                        b.append("link set lgnl-a mtu ").append(1300 + i).append('\n');
                    }
                    Files.writeString(batch, b);
                    ns.ip("-batch", batch.toString());
                } finally {
                    Files.delete(batch);
                }
                release.countDown();
                KernelView after = resyncs.poll(5, TimeUnit.SECONDS);
                assertThat(after).as("a resync after the overrun").isNotNull();
                assertThat(w.resyncs()).isPositive();
                assertThat(after.link("lgnl-a")).hasValueSatisfying(l -> assertThat(l.mtu()).isEqualTo(1499));
            }
        }
    }
}
