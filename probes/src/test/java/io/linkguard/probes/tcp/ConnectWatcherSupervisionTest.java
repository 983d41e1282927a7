package io.linkguard.probes.tcp;

import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.core.supervise.Loops;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A probe listener that throws must not end the tcp-connect thread: later connects still complete. */
class ConnectWatcherSupervisionTest {

    @Test
    void aThrowingCompletionIsCountedAndLaterConnectsStillComplete() throws Exception {
        List<String> halts = new ArrayList<>();
        Loops loops = new Loops(System::nanoTime, halts::add);
        try (ConnectWatcher watcher = new ConnectWatcher(loops)) {
            CountDownLatch first = new CountDownLatch(1);
            // deadline already passed: completed on the watcher's next round, whatever the socket does
            watcher.watch(LinuxSocket.tcp(LinuxSocket.Family.INET), System.nanoTime() - 1, (errno, end) -> {
                first.countDown();
                throw new IllegalStateException("listener bug");
            });
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch second = new CountDownLatch(1);
            watcher.watch(LinuxSocket.tcp(LinuxSocket.Family.INET), System.nanoTime() - 1,
                    (errno, end) -> second.countDown());
            assertThat(second.await(10, TimeUnit.SECONDS)).as("the watcher thread survived the listener").isTrue();
        }
        assertThat(loops.errors("tcp_connect")).isEqualTo(1);
        assertThat(halts).isEmpty();
    }
}
