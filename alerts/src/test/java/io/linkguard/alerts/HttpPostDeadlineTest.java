package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that trickles its answer (a byte every 50 ms, well inside the 10 s read timeout) must not
 * hold a send forever: the deadline on the whole exchange ends it as a failed attempt.
 */
class HttpPostDeadlineTest {
    /** Only a guard against a hang of the old code (which never returns); not a timing assertion. */
    private static final long HANG_GUARD_SECONDS = 60;

    private ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    /** Accepts one connection, reads the request head, then writes {@code head} and one byte of filler every 50 ms. */
    private void trickle(String head) {
        threads.submit(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                in.read(new byte[8192]);
                OutputStream out = s.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (true) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(50); // the pace of the trickle, not a timing assertion
                }
            } catch (IOException | InterruptedException e) {
                return null; // the client hung up: what the deadline is for
            }
        });
    }

    private Future<Response> send(HttpPost post) {
        Request r = new Request(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hook"), Map.of(),
                "{}".getBytes(StandardCharsets.UTF_8));
        return threads.submit(() -> post.send(r));
    }

    @Test
    void aStatusLineTrickledForeverFailsAtTheDeadline() throws Exception {
        trickle("HTTP/1.1 200"); // the status line never ends

        Future<Response> f = send(new HttpPost(Duration.ofMillis(300)));

        assertThatThrownBy(() -> f.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(HttpTimeoutException.class)
                .cause().hasMessage("no complete answer within 300 ms (the deadline of the whole exchange)");
    }

    @Test
    void headersTrickledForeverFailAtTheDeadline() throws Exception {
        trickle("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Slow: "); // a header line that never ends

        Future<Response> f = send(new HttpPost(Duration.ofMillis(300)));

        assertThatThrownBy(() -> f.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void anAbortEndsTheSendInProgressAndEveryLaterOne() throws Exception {
        trickle("HTTP/1.1 200");
        HttpPost post = new HttpPost(HttpPost.EXCHANGE_DEADLINE);
        Future<Response> f = send(post);
        while (!f.isDone() && post.inFlight() == 0) {
            Thread.onSpinWait(); // until the send is in progress
        }

        post.abort();

        assertThatThrownBy(() -> f.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOf(IOException.class).hasMessage("aborted: the channel is closing");
        assertThatThrownBy(() -> send(post).get(HANG_GUARD_SECONDS, TimeUnit.SECONDS))
                .cause().hasMessage("aborted: the channel is closing");
    }

    @Test
    void oneSendEndsWellInsideTheChannelThreadsHeartbeatBound() {
        assertThat(HttpPost.MAX_EXCHANGE).isLessThan(ChannelWorker.MAX_SILENCE.minusSeconds(10));
        assertThat(AlertDispatcher.ABORT_GRACE).isGreaterThan(HttpPost.READ_TIMEOUT);
    }
}
