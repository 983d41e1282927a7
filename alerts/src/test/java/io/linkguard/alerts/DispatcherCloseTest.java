package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dispatcher closed while a channel thread is inside a send (a reload does that, then starts the next
 * dispatcher on the same spool): the spool stays the old thread's until it has ended.
 */
class DispatcherCloseTest {
    /** Only guards against a hang; nothing here measures time. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SHORT = Duration.ofMillis(50);

    @TempDir
    Path state;
    @TempDir
    Path secrets;
    private final AlertCounters counters = new AlertCounters();

    private AlertDispatcher.Plan plan() throws IOException {
        return AlertDispatcher.plan(Configs.alerts(Duration.ZERO, 1, io.linkguard.alerts.config.AlertsConfig.Spool.DEFAULTS,
                Configs.webhook(secrets, "noc-hook", "http://127.0.0.1:9/in", "close-secret", Configs.fast())),
                "la-edge-1", state);
    }

    /** Every spool file of the channel with its content. */
    private Map<String, String> spool() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(state.resolve("alerts/noc-hook"))) {
            list.filter(Files::isRegularFile).forEach(f -> {
                try {
                    files.put(f.getFileName().toString(), Files.readString(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return files;
    }

    /** A send that hangs until the test lets it go, deaf to abort(): worse than HttpPost can be. */
    private static final class StuckSender implements Sender {
        final CountDownLatch inSend = new CountDownLatch(1);
        final CountDownLatch letGo = new CountDownLatch(1);
        final AtomicInteger sends = new AtomicInteger();

        @Override
        public Response send(Request request) {
            sends.incrementAndGet();
            inSend.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    letGo.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return new Response(200, "", null);
        }

        @Override
        public void abort() {
            // deaf
        }
    }

    /** Counts what it is asked to send and answers 200. */
    private static final class CountingSender implements Sender {
        final AtomicInteger sends = new AtomicInteger();

        @Override
        public Response send(Request request) {
            sends.incrementAndGet();
            return new Response(200, "", null);
        }

        @Override
        public void abort() {
        }
    }

    @Test
    void aThreadStillSendingAfterCloseKeepsTheSpoolAndTheNextDispatcherWaitsForIt() throws Exception {
        AlertDispatcher.Plan plan = plan();
        StuckSender stuck = new StuckSender();
        AlertDispatcher first = start(plan, stuck, SHORT);
        first.publish(Events.numbered(1));
        assertThat(stuck.inSend.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        first.close(); // gives up waiting: the thread is still in its send
        Map<String, String> spooled = spool();
        assertThat(spooled).isNotEmpty();

        CountingSender next = new CountingSender();
        assertThatThrownBy(() -> start(plan, next, SHORT))
                .isInstanceOf(IOException.class).hasMessageContaining("is in use by another dispatcher");
        assertThat(spool()).isEqualTo(spooled);

        stuck.letGo.countDown(); // the endpoint answers 200 at last: the old thread removes its message
        assertThat(first.awaitReleased(WAIT)).isTrue();
        try (AlertDispatcher second = start(plan, next, SHORT)) {
            assertThat(DispatcherWaits.await(second, DispatcherWaits.idle(), WAIT)).isTrue();
        }
        assertThat(stuck.sends).hasValue(1);
        assertThat(next.sends).hasValue(0); // delivered exactly once
        assertThat(spool()).isEmpty();
    }

    @Test
    void closeAbortsASendStillInProgressAtItsBoundAndLetsGoOfTheSpool() throws Exception {
        AlertDispatcher.Plan plan = plan();
        CountDownLatch inSend = new CountDownLatch(1);
        CountDownLatch aborted = new CountDownLatch(1);
        AtomicBoolean abortCalled = new AtomicBoolean();
        Sender abortable = new Sender() {
            @Override
            public Response send(Request request) throws IOException {
                inSend.countDown();
                try {
                    aborted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("aborted: the channel is closing");
            }

            @Override
            public void abort() {
                abortCalled.set(true);
                aborted.countDown();
            }
        };
        AlertDispatcher first = start(plan, abortable, WAIT);
        first.publish(Events.numbered(1));
        assertThat(inSend.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        first.close();

        assertThat(abortCalled).isTrue();
        assertThat(first.awaitReleased(Duration.ZERO)).isTrue(); // released by close itself
        CountingSender next = new CountingSender();
        try (AlertDispatcher second = start(plan, next, SHORT)) {
            // the aborted message was kept
            assertThat(DispatcherWaits.await(second, DispatcherWaits.idle(), WAIT)).isTrue();
        }
        assertThat(next.sends).hasValue(1);
    }

    /** A dispatcher on the system clock whose channels send through {@code sender}. */
    private AlertDispatcher start(AlertDispatcher.Plan plan, Sender sender, Duration abortGrace) throws IOException {
        return AlertDispatcher.start(plan, counters, () -> sender, SHORT, abortGrace, ChannelClock.SYSTEM);
    }
}
