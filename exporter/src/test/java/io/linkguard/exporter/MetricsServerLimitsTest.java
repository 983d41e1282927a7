package io.linkguard.exporter;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients that do not play along must not keep /metrics from answering. */
class MetricsServerLimitsTest {

    @Test
    void twoHundredStalledClientsDoNotStarveAScrape() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter.builder().name("linkguard_test_total").help("test").register(registry).inc();
        List<Socket> stalled = new ArrayList<>();
        try (MetricsServer server = new MetricsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                registry)) {
            InetSocketAddress at = server.address();
            // One scrape first, so the bound below measures starvation, not the first scrape's class loading.
            assertThat(scrape(at, 30_000)).startsWith("HTTP/1.1 200");
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket(at.getAddress(), at.getPort());
                stalled.add(s);
                if (i % 2 == 0) {
                    // half a request line, then nothing: this held one of the two handler threads for ever
                    s.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                }
            }
            // The old server never answered (two stalled clients held both handler threads for good);
            // 4 s tells that apart while a busy 2-core machine (parallel builds) may take over 1 s to accept.
            assertThat(scrape(at, 4000)).startsWith("HTTP/1.1 200").contains("linkguard_test_total 1.0");
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    /**
     * Connections that never complete a request are closed by the server (request time limit 5 s, checked
     * every second), so they cannot hold descriptors for ever. An end-to-end bound, generous: 15 s.
     */
    @Test
    void stalledConnectionsAreClosedByTheServer() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try (MetricsServer server = new MetricsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new PrometheusRegistry())) {
            InetSocketAddress at = server.address();
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket(at.getAddress(), at.getPort());
                s.setSoTimeout(15_000);
                stalled.add(s);
                if (i % 2 == 0) {
                    s.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                }
            }
            for (Socket s : stalled) {
                int read;
                try {
                    read = s.getInputStream().read();
                } catch (java.net.SocketException reset) {
                    read = -1; // closed with a reset: just as good
                }
                // Before the limits: SocketTimeoutException, the server held the connection for ever.
                assertThat(read).as("the server closed the stalled connection").isEqualTo(-1);
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void jvmOptionsCarryTheSameLimits() throws IOException {
        Path options = Path.of("..", "bin", "jvm.options");
        List<String> lines = Files.readAllLines(options);
        HttpLimits.properties().forEach((k, v) -> assertThat(lines).as("bin/jvm.options").contains("-D" + k + "=" + v));
    }

    private static String scrape(InetSocketAddress at, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(at, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(readAll(s.getInputStream()), StandardCharsets.UTF_8);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
