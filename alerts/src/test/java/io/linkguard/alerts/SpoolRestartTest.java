package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.alerts.FakeEndpoint.Reply;
import io.linkguard.alerts.config.AlertsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool across dispatcher restarts, its bound, and corrupt files. */
class SpoolRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path state;
    @TempDir
    Path secrets;
    private final AlertCounters counters = new AlertCounters();

    private AlertsConfig config(FakeEndpoint hook, int maxMessages) throws IOException {
        return Configs.alerts(Duration.ZERO, 1, new AlertsConfig.Spool(maxMessages, AlertsConfig.Spool.DEFAULT_MAX_BYTES),
                Configs.webhook(secrets, "noc-hook", hook.url() + "/in", "spool-secret",
                        Configs.delivery(50, 50, Duration.ofMillis(100), Duration.ofMillis(500))));
    }

    private AlertDispatcher start(AlertsConfig cfg) throws IOException {
        return AlertDispatcher.start(cfg, "la-edge-1", state, counters);
    }

    @Test
    void closedWhileTheEndpointIsDownTheNextDispatcherDeliversEverything() throws Exception {
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"))) {
            hook.down();
            AlertsConfig cfg = config(hook, 1000);
            AlertDispatcher first = start(cfg);
            for (int i = 0; i < 5; i++) {
                first.publish(Events.numbered(i));
            }
            assertThat(DispatcherWaits.await(first, s -> s.getFirst().queueDepth() == 5 && s.getFirst().failed() > 0, WAIT))
                    .isTrue();
            first.close();
            assertThat(hook.received()).isEmpty();

            hook.up();
            try (AlertDispatcher second = start(cfg)) {
                assertThat(second.status().getFirst().queueDepth()).isEqualTo(5);
                assertThat(DispatcherWaits.await(second, DispatcherWaits.idle(), WAIT)).isTrue();
                assertThat(OutageTest.eventNumbers(hook.received())).isEqualTo(List.of(0, 1, 2, 3, 4));
            }
        }
    }

    @Test
    void eventsOfAGroupStillCollectingAtCloseAreNotLost() throws Exception {
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"))) {
            hook.down();
            AlertsConfig cfg = Configs.alerts(Duration.ofSeconds(30), 20, AlertsConfig.Spool.DEFAULTS,
                    Configs.webhook(secrets, "noc-hook", hook.url() + "/in", "spool-secret", Configs.fast()));
            AlertDispatcher first = start(cfg);
            first.publish(Events.numbered(0));
            first.publish(Events.numbered(1));
            assertThat(DispatcherWaits.await(first, s -> s.getFirst().queueDepth() == 1, WAIT)).isTrue();
            first.close();

            hook.up();
            try (AlertDispatcher second = start(cfg)) {
                assertThat(second.status().getFirst().queueDepth()).isEqualTo(1);
                assertThat(DispatcherWaits.await(second, DispatcherWaits.idle(), WAIT)).isTrue();
                assertThat(OutageTest.eventNumbers(hook.received())).isEqualTo(List.of(0, 1));
            }
        }
    }

    @Test
    void aGroupLeftOpenByACrashIsSentFirstAfterTheRestart() throws Exception {
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"))) {
            // What a SIGKILL leaves: a sealed message and the group that was collecting after it.
            Spool spool = Spool.open(state.resolve("alerts/noc-hook"), 1000, 1 << 20, (f, w) -> { });
            Message sealed = new Message("sealed-1", Events.T0, List.of(Events.numbered(0)));
            spool.writeOpen(sealed);
            spool.seal(sealed);
            spool.writeOpen(new Message("open-2", Events.T0, List.of(Events.numbered(1), Events.numbered(2))));

            try (AlertDispatcher d = start(config(hook, 1000))) {
                assertThat(DispatcherWaits.await(d, DispatcherWaits.idle(), WAIT)).isTrue();
                assertThat(OutageTest.eventNumbers(hook.received())).isEqualTo(List.of(0, 1, 2));
                assertThat(hook.received()).extracting(r -> r.header("Idempotency-Key"))
                        .containsExactly("sealed-1", "open-2");
            }
        }
    }

    @Test
    void pastTheSpoolBoundTheOldestAreDroppedAndCounted() throws Exception {
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"))) {
            hook.down();
            try (AlertDispatcher d = start(config(hook, 3))) {
                for (int i = 0; i < 6; i++) {
                    d.publish(Events.numbered(i));
                }
                assertThat(DispatcherWaits.await(d, s -> s.getFirst().dropped() == 3, WAIT)).isTrue();
                assertThat(d.status().getFirst().queueDepth()).isEqualTo(3);
                assertThat(counters.channel("noc-hook").dropped(DropReason.SPOOL_FULL)).isEqualTo(3);

                hook.up();
                assertThat(DispatcherWaits.await(d, DispatcherWaits.idle(), WAIT)).isTrue();
                assertThat(OutageTest.eventNumbers(hook.received())).isEqualTo(List.of(3, 4, 5));
            }
        }
    }

    @Test
    void aCorruptSpoolFileIsSkippedAndCountedAndTheRestDelivered() throws Exception {
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"))) {
            hook.down();
            AlertsConfig cfg = config(hook, 1000);
            AlertDispatcher first = start(cfg);
            first.publish(Events.numbered(0));
            first.publish(Events.numbered(1));
            first.publish(Events.numbered(2));
            assertThat(DispatcherWaits.await(first, s -> s.getFirst().queueDepth() == 3, WAIT)).isTrue();
            first.close();
            List<Path> files;
            try (Stream<Path> list = Files.list(state.resolve("alerts/noc-hook"))) {
                files = list.filter(f -> f.toString().endsWith(".msg")).sorted().toList();
            }
            assertThat(files).hasSize(3);
            Files.write(files.get(1), new byte[] {0x7b, 0x00, (byte) 0xff, 0x22});

            hook.up();
            try (CapturedOutput out = new CapturedOutput(); AlertDispatcher second = start(cfg)) {
                assertThat(DispatcherWaits.await(second, DispatcherWaits.idle(), WAIT)).isTrue();
                assertThat(OutageTest.eventNumbers(hook.received())).isEqualTo(List.of(0, 2));
                assertThat(counters.channel("noc-hook").dropped(DropReason.CORRUPT)).isEqualTo(1);
                assertThat(out.text()).contains("skipped unreadable spool file " + files.get(1).getFileName());
                assertThat(state.resolve("alerts/noc-hook/corrupt").resolve(files.get(1).getFileName())).exists();
            }
        }
    }

    @Test
    void aSpoolFileNameThatDoesNotParseDoesNotStopTheStartAndIsCountedAsCorrupt() throws Exception {
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"))) {
            hook.down();
            AlertsConfig cfg = config(hook, 1000);
            AlertDispatcher first = start(cfg);
            first.publish(Events.numbered(0));
            assertThat(DispatcherWaits.await(first, s -> s.getFirst().queueDepth() == 1, WAIT)).isTrue();
            first.close();
            Path dir = state.resolve("alerts/noc-hook");
            Path sealed;
            try (Stream<Path> list = Files.list(dir)) {
                sealed = list.filter(f -> f.toString().endsWith(".msg")).findFirst().orElseThrow();
            }
            Files.copy(sealed, dir.resolve("99999999999999999999-1.msg"));

            hook.up();
            try (CapturedOutput out = new CapturedOutput(); AlertDispatcher second = start(cfg)) {
                assertThat(DispatcherWaits.await(second, DispatcherWaits.idle(), WAIT)).isTrue();
                assertThat(OutageTest.eventNumbers(hook.received())).isEqualTo(List.of(0));
                assertThat(counters.channel("noc-hook").dropped(DropReason.CORRUPT)).isEqualTo(1);
                assertThat(dir.resolve("corrupt/99999999999999999999-1.msg")).exists();
                assertThat(out.text()).contains("99999999999999999999-1.msg");
            }
        }
    }

    @Test
    void closeTwiceIsANoOp() throws Exception {
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"))) {
            AlertDispatcher d = start(config(hook, 10));
            d.close();
            d.close();
            // The lock was released once and only once: a new dispatcher can take the spool.
            start(config(hook, 10)).close();
        }
    }

    @Test
    void twoDispatchersCannotShareASpool() throws Exception {
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"));
             AlertDispatcher d = start(config(hook, 10))) {
            assertThat(d.status()).hasSize(1);
            assertThatThrownBy(() -> start(config(hook, 10))).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void anUnwritableStateDirectoryIsAClearErrorNamingIt() throws Exception {
        Path file = Files.writeString(state.resolve("not-a-dir"), "x");
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"))) {
            assertThatThrownBy(() -> AlertDispatcher.start(config(hook, 10), "n", file, counters))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("alert spool: state directory " + file + " is not writable");
        }
    }
}
