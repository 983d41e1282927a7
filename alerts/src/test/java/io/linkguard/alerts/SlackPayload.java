package io.linkguard.alerts;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an incoming-webhook payload against Slack's documented format: {@code text} a string,
 * {@code blocks} an array (at most 50) of objects with a {@code type}; header text plain_text of at most
 * 150 characters; section text and fields text objects; context elements; and in every mrkdwn text no
 * raw {@code <} or {@code >} (we send no links or mentions) and {@code &} only as one of the three
 * escapes. Test helper.
 */
public final class SlackPayload {
    private static final Set<String> BLOCK_TYPES = Set.of("header", "section", "context", "divider");
    private static final Pattern BARE_AMP = Pattern.compile("&(?!amp;|lt;|gt;)");

    private SlackPayload() {
    }

    public static List<String> problems(JsonObject payload) {
        List<String> p = new ArrayList<>();
        if (!(payload.get("text") instanceof jakarta.json.JsonString)) {
            p.add("text is not a string");
        } else {
            mrkdwn(payload.getString("text"), "text", p);
        }
        if (!(payload.get("blocks") instanceof JsonArray blocks)) {
            p.add("blocks is not an array");
            return p;
        }
        if (blocks.isEmpty() || blocks.size() > 50) {
            p.add("blocks: 1 to 50 expected, got " + blocks.size());
        }
        for (int i = 0; i < blocks.size(); i++) {
            JsonValue v = blocks.get(i);
            if (v.getValueType() != JsonValue.ValueType.OBJECT || !v.asJsonObject().containsKey("type")) {
                p.add("blocks[" + i + "] is not an object with a type");
                continue;
            }
            JsonObject b = v.asJsonObject();
            String type = b.getString("type");
            if (!BLOCK_TYPES.contains(type)) {
                p.add("blocks[" + i + "]: unexpected type " + type);
            }
            switch (type) {
                case "header" -> {
                    JsonObject t = b.getJsonObject("text");
                    if (t == null || !"plain_text".equals(t.getString("type", "")) || t.getString("text", "").length() > 150) {
                        p.add("blocks[" + i + "]: header needs plain_text of at most 150 characters");
                    }
                }
                case "section" -> {
                    if (!b.containsKey("text") && !b.containsKey("fields")) {
                        p.add("blocks[" + i + "]: section without text or fields");
                    }
                    if (b.containsKey("text")) {
                        textObject(b.getJsonObject("text"), 3000, "blocks[" + i + "].text", p);
                    }
                    if (b.containsKey("fields")) {
                        JsonArray f = b.getJsonArray("fields");
                        if (f.size() > 10) {
                            p.add("blocks[" + i + "]: more than 10 fields");
                        }
                        for (int j = 0; j < f.size(); j++) {
                            textObject(f.getJsonObject(j), 2000, "blocks[" + i + "].fields[" + j + "]", p);
                        }
                    }
                }
                case "context" -> {
                    JsonArray e = b.getJsonArray("elements");
                    if (e == null || e.isEmpty() || e.size() > 10) {
                        p.add("blocks[" + i + "]: context needs 1 to 10 elements");
                    } else {
                        for (int j = 0; j < e.size(); j++) {
                            textObject(e.getJsonObject(j), 3000, "blocks[" + i + "].elements[" + j + "]", p);
                        }
                    }
                }
                default -> { }
            }
        }
        return p;
    }

    private static void textObject(JsonObject t, int max, String where, List<String> p) {
        if (t == null || !(t.getString("type", "").equals("mrkdwn") || t.getString("type", "").equals("plain_text"))
                || !(t.get("text") instanceof jakarta.json.JsonString)) {
            p.add(where + ": not a text object");
            return;
        }
        String text = t.getString("text");
        if (text.isEmpty() || text.length() > max) {
            p.add(where + ": text length " + text.length() + " not in 1.." + max);
        }
        if (t.getString("type").equals("mrkdwn")) {
            mrkdwn(text, where, p);
        }
    }

    private static void mrkdwn(String text, String where, List<String> p) {
        if (text.indexOf('<') >= 0 || text.indexOf('>') >= 0) {
            p.add(where + ": raw < or > in mrkdwn: " + text);
        }
        if (BARE_AMP.matcher(text).find()) {
            p.add(where + ": bare & in mrkdwn: " + text);
        }
    }
}
