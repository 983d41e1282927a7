package io.linkguard.agent.alert;

import io.linkguard.agent.config.MessageTemplate;
import jakarta.json.Json;
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

/**
 * A generic JSON webhook. The body:
 * <pre>{@code {"version":1,"id":"<message id>","node":"la-edge-1","channel":"noc-hook",
 *  "created":"2025-05-01T12:00:01Z","events":[{"kind":..., ..., "text":"link la-sg is down: ..."}]}}</pre>
 * Headers: {@code X-Linkguard-Signature: sha256=<hex HMAC-SHA256 (RFC 2104) of the exact body bytes>}
 * with the configured secret; {@code Idempotency-Key: <message id>}, the same on every retry and after
 * a restart, so a receiver can drop the duplicates at-least-once delivery brings; and
 * {@code X-Linkguard-Timestamp: <unix seconds of this attempt>}. The body is identical on every attempt.
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
        return Optional.of(new Request(url, Map.of(
                SIGNATURE, "sha256=" + HexFormat.of().formatHex(hmac(key, body)),
                IDEMPOTENCY_KEY, m.id(),
                TIMESTAMP, Long.toString(now.getEpochSecond())), body));
    }

    @Override
    public Outcome outcome(Response r, Instant now) {
        return Outcome.ofStatus(r, Channel.detail(r, r.body()), now);
    }

    byte[] body(Message m) {
        JsonArrayBuilder events = Json.createArrayBuilder();
        for (AlertEvent e : m.events()) {
            String text = template.map(t -> TemplateRenderer.render(t, e, node, Escaping::none))
                    .orElseGet(() -> EventText.plain(e));
            events.add(EventJson.toJson(e).add("title", EventText.title(e)).add("text", text));
        }
        return Json.createObjectBuilder()
                .add("version", 1)
                .add("id", m.id())
                .add("node", node)
                .add("channel", name)
                .add("created", m.created().toString())
                .add("events", events)
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
