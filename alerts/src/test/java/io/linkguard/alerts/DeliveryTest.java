package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.alerts.FakeEndpoint.Received;
import io.linkguard.alerts.FakeEndpoint.Reply;
import io.linkguard.alerts.config.AlertsConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real HTTP on loopback: fake Slack, Telegram and webhook receivers check what the dispatcher sends. */
public class DeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOKEN = "4242424242:AAFakeTelegramToken_abcdefghijklmnop";

    @TempDir
    Path state;
    @TempDir
    Path secrets;
    private final AlertCounters counters = new AlertCounters();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private AlertDispatcher start(AlertsConfig cfg) throws Exception {
        AlertDispatcher d = AlertDispatcher.start(cfg, "la-edge-1", state, counters);
        open.add(d);
        return d;
    }

    private FakeEndpoint endpoint(java.util.function.Function<Received, List<String>> validator,
                                  java.util.function.Function<Received, Reply> responder) throws Exception {
        FakeEndpoint e = new FakeEndpoint(validator, responder);
        open.add(e);
        return e;
    }

    public static JsonObject json(Received r) {
        return Json.createReader(new ByteArrayInputStream(r.body())).readObject();
    }

    /** What a Telegram sendMessage request must look like. */
    static List<String> telegramProblems(Received r) {
        List<String> p = new ArrayList<>();
        JsonObject o = json(r);
        if (!(o.get("chat_id") instanceof jakarta.json.JsonString) && !(o.get("chat_id") instanceof jakarta.json.JsonNumber)) {
            p.add("chat_id is not a string or integer");
        }
        if (!(o.get("text") instanceof jakarta.json.JsonString)) {
            p.add("text is not a string");
            return p;
        }
        if (!"HTML".equals(o.getString("parse_mode", ""))) {
            p.add("parse_mode is not HTML");
        }
        if (o.get("disable_web_page_preview") != JsonValue.TRUE) {
            p.add("disable_web_page_preview is not true");
        }
        String text = o.getString("text");
        if (text.isEmpty() || text.length() > 4096) {
            p.add("text length " + text.length());
        }
        p.addAll(TelegramHtml.problems(text));
        return p;
    }

    @Test
    void slackGetsDocumentedBlockKitWithEscapedText() throws Exception {
        FakeEndpoint slack = endpoint(r -> SlackPayload.problems(json(r)), r -> Reply.ok("ok"));
        AlertDispatcher d = start(Configs.alerts(Duration.ofMillis(100),
                Configs.slack(secrets, "ops-slack", slack.url() + "/services/T1/B2/XyZ", Configs.fast())));

        d.publish(Events.down("la-sg", "BFD <Down> & loss > 30%"));

        List<Received> got = slack.await(1, WAIT);
        assertThat(got).hasSize(1);
        assertThat(slack.problems()).isEmpty();
        assertThat(got.getFirst().path()).isEqualTo("/services/T1/B2/XyZ");
        assertThat(got.getFirst().text()).contains("BFD &lt;Down&gt; &amp; loss &gt; 30%");
        assertThat(DispatcherWaits.await(d, s -> s.getFirst().sent() == 1 && s.getFirst().queueDepth() == 0, WAIT)).isTrue();
        assertThat(counters.channel("ops-slack").sent()).isEqualTo(1);
    }

    @Test
    void telegramGetsSendMessageWithValidHtmlAndEscapedReason() throws Exception {
        FakeEndpoint tg = endpoint(DeliveryTest::telegramProblems, r -> Reply.ok("{\"ok\":true,\"result\":{}}"));
        AlertDispatcher d = start(Configs.alerts(Duration.ofMillis(100),
                Configs.telegram(secrets, "oncall-tg", tg.url(), TOKEN, Configs.fast())));
        String reason = "peer said <AdminDown> & \"maintenance\" > 5 min";

        d.publish(Events.down("la-sg", reason));

        List<Received> got = tg.await(1, WAIT);
        assertThat(got).hasSize(1);
        assertThat(tg.problems()).isEmpty();
        assertThat(got.getFirst().path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        String text = json(got.getFirst()).getString("text");
        assertThat(text).contains("peer said &lt;AdminDown&gt; &amp; &quot;maintenance&quot; &gt; 5 min");
        assertThat(TelegramHtml.visible(text)).contains(reason);
        assertThat(DispatcherWaits.await(d, DispatcherWaits.idle(), WAIT)).isTrue();
    }

    @Test
    void telegramRetryAfterMakesTheNextTryWaitAtLeastThatLong() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FakeEndpoint tg = endpoint(DeliveryTest::telegramProblems, r -> calls.getAndIncrement() == 0
                ? new Reply(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 2\","
                + "\"parameters\":{\"retry_after\":2}}", Map.of())
                : Reply.ok("{\"ok\":true,\"result\":{}}"));
        AlertDispatcher d = start(Configs.alerts(Duration.ZERO,
                Configs.telegram(secrets, "oncall-tg", tg.url(), TOKEN, Configs.fast())));

        d.publish(Events.down("la-sg", "x"));

        List<Received> got = tg.await(2, WAIT);
        assertThat(got).hasSize(2);
        assertThat(Duration.ofNanos(got.get(1).atNanos() - got.get(0).atNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(15));
        assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
        assertThat(DispatcherWaits.await(d, DispatcherWaits.idle(), WAIT)).isTrue();
        assertThat(counters.channel("oncall-tg").failed()).isEqualTo(1);
    }

    @Test
    void slack429RetryAfterMakesTheNextTryWaitAtLeastThatLong() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FakeEndpoint slack = endpoint(r -> SlackPayload.problems(json(r)), r -> calls.getAndIncrement() == 0
                ? new Reply(429, "rate_limited", Map.of("Retry-After", "2"))
                : Reply.ok("ok"));
        AlertDispatcher d = start(Configs.alerts(Duration.ZERO,
                Configs.slack(secrets, "ops-slack", slack.url() + "/services/a/b/c", Configs.fast())));

        d.publish(Events.down("la-sg", "x"));

        List<Received> got = slack.await(2, WAIT);
        assertThat(got).hasSize(2);
        assertThat(Duration.ofNanos(got.get(1).atNanos() - got.get(0).atNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(15));
        assertThat(slack.problems()).isEmpty();
    }

    @Test
    void webhookIsSignedAndItsIdempotencyKeyIsStableAcrossARetry() throws Exception {
        String secret = "hmac-secret-for-tests";
        AtomicInteger calls = new AtomicInteger();
        FakeEndpoint hook = endpoint(r -> List.of(), r -> calls.getAndIncrement() == 0
                ? new Reply(503, "busy", Map.of()) : new Reply(204, "", Map.of()));
        AlertDispatcher d = start(Configs.alerts(Duration.ZERO,
                Configs.webhook(secrets, "noc-hook", hook.url() + "/hook?tenant=7", secret, Configs.fast())));

        d.publish(Events.down("la-sg", "x"));

        List<Received> got = hook.await(2, WAIT);
        assertThat(got).hasSize(2);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (Received r : got) {
            assertThat(r.header("X-Linkguard-Timestamp")).matches("[0-9]{10}");
            mac.update((r.header("X-Linkguard-Timestamp") + ".").getBytes(StandardCharsets.UTF_8));
            assertThat(r.header("X-Linkguard-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body())));
        }
        assertThat(got.get(1).header("Idempotency-Key")).isEqualTo(got.get(0).header("Idempotency-Key"))
                .isEqualTo(json(got.get(0)).getString("id"));
        assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
        assertThat(DispatcherWaits.await(d, s -> s.getFirst().sent() == 1, WAIT)).isTrue();
        assertThat(d.status().getFirst().lastResult()).isEqualTo("HTTP 204");
    }

    @Test
    void aChannelsFilterDecidesWhichProblemsItHearsOfAndItHearsTheirEnd() throws Exception {
        FakeEndpoint all = endpoint(r -> List.of(), r -> Reply.ok("{}"));
        FakeEndpoint pager = endpoint(r -> List.of(), r -> Reply.ok("{}"));
        AlertDispatcher d = start(Configs.alerts(Duration.ofMillis(200),
                Configs.webhook(secrets, "all-hook", all.url() + "/all", "k3y-all", Configs.fast()),
                Configs.filtered(Configs.webhook(secrets, "pager-hook", pager.url() + "/pager", "k3y-pager",
                        Configs.fast()), new io.linkguard.alerts.config.ChannelFilter(
                        java.util.Set.of("link_state", "bfd_down", "failover"), "critical"))));

        List<AlertKind> sequence = List.of(AlertKind.LINK_STATE, AlertKind.FAILOVER, AlertKind.BFD_DOWN,
                AlertKind.PMTU_DROP, AlertKind.FAILBACK, AlertKind.BFD_UP, AlertKind.RESOLVED);
        for (int i = 0; i < sequence.size(); i++) {
            AlertKind k = sequence.get(i);
            String state = k == AlertKind.RESOLVED || k == AlertKind.FAILBACK ? "up" : "down";
            d.publish(Events.of(k, "la-sg", state, Events.T0.plusSeconds(i)));
        }

        assertThat(DispatcherWaits.await(d, s -> s.get(0).queueDepth() == 0 && s.get(1).queueDepth() == 0
                && kinds(all).size() == sequence.size(), WAIT)).isTrue();
        assertThat(kinds(all)).containsExactlyElementsOf(sequence.stream().map(AlertKind::label).toList());
        // failover is listed but only a warning, so its failback is not sent either; pmtu_drop is not listed;
        // bfd_up and resolved are info, but end problems the pager heard of
        assertThat(kinds(pager)).containsExactly("link_state", "bfd_down", "bfd_up", "resolved");
    }

    private static List<String> kinds(FakeEndpoint hook) {
        return hook.received().stream().flatMap(r -> json(r).getJsonArray("events").stream())
                .map(v -> v.asJsonObject().getString("kind")).toList();
    }

    @Test
    void aPermanentRejectionDropsThatMessageOnlyAndCountsIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FakeEndpoint hook = endpoint(r -> List.of(), r -> calls.getAndIncrement() == 0
                ? new Reply(400, "{\"error\":\"bad\"}", Map.of()) : Reply.ok("{}"));
        AlertDispatcher d = start(Configs.alerts(Duration.ZERO,
                Configs.webhook(secrets, "noc-hook", hook.url() + "/hook", "k3y-k3y-k3y", Configs.fast())));

        d.publish(Events.numbered(1));
        assertThat(hook.await(1, WAIT)).hasSize(1);
        d.publish(Events.numbered(2));

        List<Received> got = hook.await(2, WAIT);
        assertThat(got).hasSize(2);
        assertThat(json(got.get(1)).getJsonArray("events").getJsonObject(0).getString("reason")).isEqualTo("event #2");
        assertThat(DispatcherWaits.await(d, s -> s.getFirst().sent() == 1, WAIT)).isTrue();
        FakeEndpoint.sleep(Duration.ofMillis(500));
        assertThat(hook.received()).hasSize(2); // the rejected one is not retried
        assertThat(counters.channel("noc-hook").dropped(DropReason.REJECTED)).isEqualTo(1);
    }
}
