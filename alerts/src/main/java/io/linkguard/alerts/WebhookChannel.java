package io.linkguard.alerts;

import io.linkguard.alerts.config.MessageTemplate;
import jakarta.json.JsonArrayBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static io.linkguard.alerts.Jsons.JSON;

/**
 * A generic JSON webhook. The body:
 * <pre>{@code {"version":1,"id":"<message id>","node":"la-edge-1","channel":"noc-hook",
 *  "created":"2025-05-01T12:00:01Z","events":[{"kind":..., ..., "text":"link la-sg is down: ..."}]}}</pre>
 * Headers:
 * <ul>
 *   <li>{@code X-Linkguard-Timestamp: <unix seconds of this attempt>};
 *   <li>{@code X-Linkguard-Signature: sha256=<hex>}, the HMAC-SHA256 (RFC 2104) with the configured secret
 *       of the timestamp, a {@code .}, and the exact body bytes: {@code HMAC(secret, timestamp + "." + body)},
 *       the scheme of Stripe's and Slack's request signing. The timestamp is signed so that a captured
 *       request cannot be replayed later with a fresh timestamp;
 *   <li>{@code Idempotency-Key: <message id>}, the same on every retry and after a restart, so a receiver can
 *       drop the duplicates at-least-once delivery brings.
 * </ul>
 * The body is identical on every attempt; the timestamp, and so the signature, are not. A receiver
 * verifies a request by (1) reading the timestamp header and the raw body bytes (before any JSON parsing),
 * (2) computing {@code HMAC-SHA256(secret, timestamp + "." + body)} and comparing its hex with the part of
 * the signature header after {@code sha256=} in constant time, (3) refusing a timestamp more than a few
 * minutes from its own clock (a replay), and (4) dropping an {@code Idempotency-Key} it has already
 * processed (a retry after a lost answer).
 */
final class WebhookChannel implements Channel {
    static final String SIGNATURE = "X-Linkguard-Signature";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String TIMESTAMP = "X-Linkguard-Timestamp";

    private final String name;
    private final URI url;
    private final SecretKeySpec key;
    private final String node;
    private final Optional<MessageTemplate> template;

    WebhookChannel(String name, URI url, String secret, String node, Optional<MessageTemplate> template) {
        this.name = name;
        this.url = url;
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.node = node;
        this.template = template;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public Optional<Request> request(Message m, Instant now) {
        byte[] body = body(m);
        String timestamp = Long.toString(now.getEpochSecond());
        return Optional.of(new Request(url, Map.of(
                SIGNATURE, signature(key, timestamp, body),
                IDEMPOTENCY_KEY, m.id(),
                TIMESTAMP, timestamp), body));
    }

    @Override
    public DeliveryOutcome outcome(Response r, Instant now) {
        return DeliveryOutcome.ofStatus(r, Channel.detail(r, r.body()), now);
    }

    byte[] body(Message m) {
        JsonArrayBuilder events = JSON.createArrayBuilder();
        for (AlertEvent e : m.events()) {
            String text = template.map(t -> TemplateRenderer.render(t, e, node, MarkupEscaping::none))
                    .orElseGet(() -> EventText.plain(e));
            events.add(EventJson.toJson(e).add("title", EventText.title(e)).add("text", text));
        }
        return JSON.createObjectBuilder()
                .add("version", 1)
                .add("id", m.id())
                .add("node", node)
                .add("channel", name)
                .add("created", m.created().toString())
                .add("events", events)
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    static String signature(SecretKeySpec key, String timestamp, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(key, (timestamp + ".").getBytes(StandardCharsets.US_ASCII),
                body));
    }

    static byte[] hmac(SecretKeySpec key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
