package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookChannelTest {
    private static final String SECRET = "s3cret-hmac-key";

    @Test
    void signedBodyWithIdempotencyKeyAndTimestamp() throws Exception {
        WebhookChannel c = new WebhookChannel("noc-hook", URI.create("https://noc.test/hook"), SECRET, "la-edge-1",
                Optional.empty());
        Message m = new Message("0f8e-id", Events.T0, List.of(Events.down("la-sg", "x"), Events.numbered(1)));
        Instant now = Instant.ofEpochSecond(1_746_100_000L);

        Request r = c.request(m, now).orElseThrow();

        // As a receiver verifies it: HMAC-SHA256(secret, timestamp + "." + raw body).
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(("1746100000.").getBytes(StandardCharsets.UTF_8));
        assertThat(r.headers()).containsEntry("X-Linkguard-Signature",
                "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body())))
                .containsEntry("Idempotency-Key", "0f8e-id")
                .containsEntry("X-Linkguard-Timestamp", "1746100000");
        JsonObject body = Json.createReader(new ByteArrayInputStream(r.body())).readObject();
        assertThat(body.getString("id")).isEqualTo("0f8e-id");
        assertThat(body.getString("node")).isEqualTo("la-edge-1");
        assertThat(body.getJsonArray("events")).hasSize(2);
        JsonObject e = body.getJsonArray("events").getJsonObject(0);
        assertThat(e.getString("kind")).isEqualTo("link_state");
        assertThat(e.getString("state")).isEqualTo("down");
        assertThat(e.getJsonObject("figures").getString("rtt_ms")).isEqualTo("182.4");
        assertThat(e.getString("text")).startsWith("link la-sg is down: x");
    }

    @Test
    void theBodyIsTheSameOnEveryAttempt() {
        WebhookChannel c = new WebhookChannel("noc-hook", URI.create("https://noc.test/hook"), SECRET, "n",
                Optional.empty());
        Message m = new Message("id", Events.T0, List.of(Events.numbered(3)));

        Request first = c.request(m, Instant.ofEpochSecond(1)).orElseThrow();
        Request later = c.request(m, Instant.ofEpochSecond(500)).orElseThrow();

        assertThat(later.body()).isEqualTo(first.body());
        assertThat(later.headers().get("Idempotency-Key")).isEqualTo(first.headers().get("Idempotency-Key"));
        // The timestamp is signed: a new attempt has a new timestamp and so a new signature.
        assertThat(later.headers().get("X-Linkguard-Signature"))
                .isNotEqualTo(first.headers().get("X-Linkguard-Signature"));
    }

    @Test
    void theSignatureCoversTheTimestampAsComputedIndependently() {
        // Known answer from outside the JVM:
        //   printf '%s' '1746100000.{"version":1}' | openssl dgst -sha256 -hmac 's3cret-hmac-key'
        SecretKeySpec key = new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");

        assertThat(WebhookChannel.signature(key, "1746100000", "{\"version\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=fe5d785d224eaf86524cc52a2e2fe2396cbc8325bac1afeb8cfef45124bc23e7");
        // A replayed body under another timestamp does not verify.
        assertThat(WebhookChannel.signature(key, "1746100001", "{\"version\":1}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo("sha256=fe5d785d224eaf86524cc52a2e2fe2396cbc8325bac1afeb8cfef45124bc23e7");
    }

    @Test
    void theSignatureOfARequestVerifiesWithTheKnownAnswerScheme() throws Exception {
        WebhookChannel c = new WebhookChannel("noc-hook", URI.create("https://noc.test/hook"), SECRET, "n",
                Optional.empty());
        Request r = c.request(new Message("id", Events.T0, List.of(Events.numbered(3))),
                Instant.ofEpochSecond(1_746_100_000L)).orElseThrow();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

        // Signing the body alone (the old scheme) must not verify: the timestamp would be unprotected.
        assertThat(r.headers().get("X-Linkguard-Signature"))
                .isNotEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body())));
    }
}
