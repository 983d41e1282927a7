package io.linkguard.alerts;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.linkguard.alerts.Jsons.JSON;

/**
 * A spooled {@link Message} on disk: {@code {"v":1,"id":"...","created":"...","events":[...]}}. Pure.
 */
final class MessageCodec {
    static final int VERSION = 1;

    private MessageCodec() {
    }

    static byte[] encode(Message m) {
        JsonArrayBuilder events = JSON.createArrayBuilder();
        m.events().forEach(e -> events.add(EventJson.toJson(e)));
        return JSON.createObjectBuilder()
                .add("v", VERSION)
                .add("id", m.id())
                .add("created", m.created().toString())
                .add("events", events)
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @throws IllegalArgumentException describing why the bytes are not a message of this version
     */
    static Message decode(byte[] bytes) {
        try (JsonReader r = JSON.createReader(new ByteArrayInputStream(bytes))) {
            JsonObject o = r.readObject();
            if (o.getInt("v") != VERSION) {
                throw new IllegalArgumentException("unknown spool format version " + o.getInt("v"));
            }
            List<AlertEvent> events = new ArrayList<>();
            for (JsonValue v : o.getJsonArray("events")) {
                events.add(EventJson.fromJson(v.asJsonObject()));
            }
            return new Message(o.getString("id"), Instant.parse(o.getString("created")), events);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonException, NullPointerException (missing key), ClassCastException, DateTimeParseException
            throw new IllegalArgumentException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
