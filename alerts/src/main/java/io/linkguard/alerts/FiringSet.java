package io.linkguard.alerts;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import static io.linkguard.alerts.Jsons.JSON;

/**
 * The alerts this node has firing in Alertmanager, and how events change them. Alertmanager resolves
 * an alert by itself {@code resolve_timeout} after it was last posted, so firing alerts are re-posted
 * periodically and resolved explicitly (with {@code endsAt}); this set is what is re-posted, and it is
 * persisted so a restart still resolves what fired before it. An alert's labels are fixed when it
 * first fires: Alertmanager identifies an alert by its label set, so the resolution must carry the
 * same labels. Immutable; {@link #apply} returns the next set. Pure.
 */
final class FiringSet {
    static final int MAX_ALERTS = 1000;
    /** Events that are not states (a failed action, an MTU drop) fire for this long, then resolve. */
    static final Duration ONE_SHOT = Duration.ofHours(1);
    static final Duration TEST = Duration.ofMinutes(5);

    static final String LINK_DOWN = "LinkguardLinkDown";
    static final String LINK_DEGRADED = "LinkguardLinkDegraded";
    static final String FAILOVER_ACTIVE = "LinkguardFailoverActive";
    static final String BFD_DOWN = "LinkguardBfdDown";
    static final String ACTION_FAILED = "LinkguardActionFailed";
    static final String PMTU_DROP = "LinkguardPathMtuDrop";
    static final String ROUTE_DRIFT = "LinkguardRouteDrift";
    static final String TEST_ALERT = "LinkguardTest";

    /** A postable alert of Alertmanager's API v2; {@code endsAt} only when resolved or one-shot. */
    record Alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                 Optional<Instant> endsAt) {
        Alert {
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
            annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
        }

        String key() {
            return labels.get("alertname") + "/" + labels.get("link");
        }
    }

    /**
     * The result of applying events.
     *
     * @param next    the set after the events
     * @param posts   what to post: new and updated firing alerts, resolutions, one-shots (one per key)
     * @param evicted firing alerts forgotten because the set was full (they will time out in Alertmanager)
     */
    record Change(FiringSet next, List<Alert> posts, int evicted) {
    }

    private enum Op { FIRE, RESOLVE, ONE_SHOT }

    private record Rule(Op op, String alertname) {
    }

    private final LinkedHashMap<String, Alert> firing;

    FiringSet() {
        this(new LinkedHashMap<>());
    }

    private FiringSet(LinkedHashMap<String, Alert> firing) {
        this.firing = firing;
    }

    /** The firing alerts, oldest first. */
    List<Alert> firing() {
        return List.copyOf(firing.values());
    }

    private static List<Rule> rules(AlertEvent e) {
        return switch (e.kind()) {
            case LINK_STATE -> switch (e.state()) {
                case "down" -> List.of(new Rule(Op.FIRE, LINK_DOWN), new Rule(Op.RESOLVE, LINK_DEGRADED));
                case "degraded" -> List.of(new Rule(Op.FIRE, LINK_DEGRADED), new Rule(Op.RESOLVE, LINK_DOWN));
                case "up" -> List.of(new Rule(Op.RESOLVE, LINK_DOWN), new Rule(Op.RESOLVE, LINK_DEGRADED));
                default -> List.of(); // unknown: no judgement, leave what fired
            };
            case RESOLVED -> List.of(new Rule(Op.RESOLVE, LINK_DOWN), new Rule(Op.RESOLVE, LINK_DEGRADED));
            case FAILOVER -> List.of(new Rule(Op.FIRE, FAILOVER_ACTIVE));
            case FAILBACK -> List.of(new Rule(Op.RESOLVE, FAILOVER_ACTIVE));
            case BFD_DOWN -> List.of(new Rule(Op.FIRE, BFD_DOWN));
            case BFD_UP -> List.of(new Rule(Op.RESOLVE, BFD_DOWN));
            case ACTION_FAILED -> List.of(new Rule(Op.ONE_SHOT, ACTION_FAILED));
            case PMTU_DROP -> List.of(new Rule(Op.ONE_SHOT, PMTU_DROP));
            case ROUTE_DRIFT -> List.of(new Rule(Op.ONE_SHOT, ROUTE_DRIFT));
            case TEST -> List.of(new Rule(Op.ONE_SHOT, TEST_ALERT));
        };
    }

    /**
     * Applies events in order.
     *
     * @param description the {@code description} annotation of an event
     */
    Change apply(List<AlertEvent> events, String node, Function<AlertEvent, String> description) {
        LinkedHashMap<String, Alert> next = new LinkedHashMap<>(firing);
        LinkedHashMap<String, Alert> posts = new LinkedHashMap<>();
        int evicted = 0;
        for (AlertEvent e : events) {
            Map<String, String> annotations = Map.of("summary", EventText.title(e), "description",
                    description.apply(e));
            for (Rule r : rules(e)) {
                String key = r.alertname() + "/" + e.link();
                Alert post;
                switch (r.op()) {
                    case FIRE -> {
                        Alert old = next.get(key);
                        post = old == null
                                ? new Alert(labels(r.alertname(), e, node), annotations, e.since(), Optional.empty())
                                : new Alert(old.labels(), annotations, old.startsAt(), Optional.empty());
                        next.put(key, post);
                        while (next.size() > MAX_ALERTS) {
                            next.remove(next.keySet().iterator().next());
                            evicted++;
                        }
                    }
                    case RESOLVE -> {
                        Alert old = next.remove(key);
                        if (old == null) {
                            continue; // not firing (or forgotten): nothing to resolve
                        }
                        Instant end = e.at().isBefore(old.startsAt()) ? old.startsAt() : e.at();
                        post = new Alert(old.labels(), old.annotations(), old.startsAt(), Optional.of(end));
                    }
                    default -> post = new Alert(labels(r.alertname(), e, node), annotations, e.at(),
                            Optional.of(e.at().plus(e.kind() == AlertKind.TEST ? TEST : ONE_SHOT)));
                }
                posts.remove(key);
                posts.put(key, post);
            }
        }
        return new Change(new FiringSet(next), List.copyOf(posts.values()), evicted);
    }

    private static Map<String, String> labels(String alertname, AlertEvent e, String node) {
        return Map.of("alertname", alertname, "link", e.link(), "state", e.state(), "node", node,
                "severity", e.severity().label());
    }

    /** The alerts as the JSON body of {@code POST /api/v2/alerts} (postableAlerts). */
    static String body(List<Alert> alerts) {
        JsonArrayBuilder arr = JSON.createArrayBuilder();
        for (Alert a : alerts) {
            arr.add(toJson(a));
        }
        return arr.build().toString();
    }

    private static JsonObjectBuilder toJson(Alert a) {
        JsonObjectBuilder labels = JSON.createObjectBuilder();
        a.labels().forEach(labels::add);
        JsonObjectBuilder annotations = JSON.createObjectBuilder();
        a.annotations().forEach(annotations::add);
        JsonObjectBuilder o = JSON.createObjectBuilder().add("labels", labels).add("annotations", annotations)
                .add("startsAt", a.startsAt().toString());
        a.endsAt().ifPresent(t -> o.add("endsAt", t.toString()));
        return o;
    }

    /** For the spool directory: the firing alerts as a JSON array. */
    byte[] encode() {
        return body(firing()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads what {@link #encode} wrote.
     *
     * @throws IllegalArgumentException if it is not such a list
     */
    static FiringSet decode(byte[] bytes) {
        try (JsonReader r = JSON.createReader(new ByteArrayInputStream(bytes))) {
            LinkedHashMap<String, Alert> firing = new LinkedHashMap<>();
            for (JsonValue v : r.readArray()) {
                JsonObject o = v.asJsonObject();
                Alert a = new Alert(strings(o.getJsonObject("labels")), strings(o.getJsonObject("annotations")),
                        Instant.parse(o.getString("startsAt")), Optional.empty());
                if (a.labels().get("alertname") == null || a.labels().get("link") == null) {
                    throw new IllegalArgumentException("an alert without alertname or link");
                }
                firing.put(a.key(), a);
            }
            return new FiringSet(firing);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> strings(JsonObject o) {
        Map<String, String> m = new LinkedHashMap<>();
        o.forEach((k, v) -> m.put(k, ((JsonString) v).getString()));
        return m;
    }

    int size() {
        return firing.size();
    }
}
