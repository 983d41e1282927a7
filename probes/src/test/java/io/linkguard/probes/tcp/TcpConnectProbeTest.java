package io.linkguard.probes.tcp;

import io.linkguard.probes.FailureReason;
import io.linkguard.probes.Outcome;
import io.linkguard.probes.PathBinding;
import io.linkguard.probes.ProbeResult;
import io.linkguard.probes.sched.LagListener;
import io.linkguard.probes.sched.TimerThreadScheduler;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Loopback only, no privileges needed: a listening port and a closed one. */
class TcpConnectProbeTest {

    private static List<ProbeResult> probe(String host, int port, int count) throws Exception {
        List<ProbeResult> results = new CopyOnWriteArrayList<>();
        var settings = new TcpConnectSettings(port, Duration.ofMillis(50), Duration.ofSeconds(2), 100);
        try (var scheduler = new TimerThreadScheduler("tcp-test", LagListener.NONE);
             var watcher = new ConnectWatcher();
             var probe = new TcpConnectProbe("lo", InetAddress.getByName(host), PathBinding.NONE, settings,
                     results::add, scheduler, watcher, new Random(7))) {
            probe.start();
            await().atMost(10, TimeUnit.SECONDS).until(() -> results.size() >= count);
            // Before closing: a connect still in flight when the watcher stops is reported as a timeout.
            return List.copyOf(results);
        }
    }

    @Test
    void listeningPortSucceedsWithAHandshakeTime() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<ProbeResult> results = probe("127.0.0.1", server.getLocalPort(), 5);
            assertThat(results).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
                assertThat(r.reason()).isEqualTo(FailureReason.NONE);
                assertThat(r.rttNanos()).isPositive();
                assertThat(r.target()).isEqualTo("127.0.0.1:" + server.getLocalPort());
            });
        }
    }

    @Test
    void closedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<ProbeResult> results = probe("127.0.0.1", port, 3);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.reason()).isEqualTo(FailureReason.REFUSED);
            assertThat(r.reason().label()).isEqualTo("refused");
        });
    }

    @Test
    void ipv6LoopbackTargetLabelIsBracketed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("::1"))) {
            List<ProbeResult> results = probe("::1", server.getLocalPort(), 2);
            assertThat(results).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
                assertThat(r.target()).isEqualTo("[::1]:" + server.getLocalPort());
            });
        }
    }
}
