package io.linkguard.alerts;

import io.linkguard.alerts.config.MessageTemplate;
import io.linkguard.core.log.Log;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alertmanager's API v2, {@code POST /api/v2/alerts} with a JSON array of postable alerts
 * (Alertmanager's OpenAPI spec, {@code postableAlerts}): labels {@code alertname}, {@code link},
 * {@code state}, {@code node}, {@code severity}; annotations {@code summary} and {@code description}
 * (the template, if any); {@code startsAt}; {@code endsAt} on resolution. Which events fire and resolve
 * what is {@link FiringSet}'s; this class posts the changes and, every {@code repeat_interval}, every
 * firing alert again. Alertmanager answers 200, or 400 for an alert it cannot accept.
 */
final class AlertmanagerChannel implements Channel {

    /** Where the firing set is kept across restarts. */
    interface Store {
        Optional<byte[]> load() throws IOException;

        void save(byte[] bytes) throws IOException;

        /** For {@code linkguard alert test}: nothing kept. */
        Store NONE = new Store() {
            @Override
            public Optional<byte[]> load() {
                return Optional.empty();
            }

            @Override
            public void save(byte[] bytes) {
            }
        };
    }

    private final String name;
    private final URI alerts;
    private final Duration repeatInterval;
    private final String node;
    private final Optional<MessageTemplate> template;
    private final Store store;
    private FiringSet firing = new FiringSet();
    /** The set after the message being sent, committed once it is delivered. */
    private String pendingId;
    private FiringSet pendingNext;

    AlertmanagerChannel(String name, URI baseUrl, Duration repeatInterval, String node,
                        Optional<MessageTemplate> template, Store store) {
        this.name = name;
        this.alerts = URI.create(baseUrl + "/api/v2/alerts");
        this.repeatInterval = repeatInterval;
        this.node = node;
        this.template = template;
        this.store = store;
        try {
            Optional<byte[]> saved = store.load();
            if (saved.isPresent()) {
                firing = FiringSet.decode(saved.get());
            }
        } catch (IOException | IllegalArgumentException e) {
            Log.warn("alert channel %s: cannot read its firing alerts (%s); starting with none, alerts that "
                    + "fired before will time out in Alertmanager", name, e.getMessage());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "alertmanager";
    }

    @Override
    public Optional<Request> request(Message m, Instant now) {
        FiringSet.Change change = firing.apply(m.events(), node, this::description);
        if (change.evicted() > 0) {
            Log.warn("alert channel %s: more than %d alerts firing, forgot the %d oldest", name,
                    FiringSet.MAX_ALERTS, change.evicted());
        }
        pendingId = m.id();
        pendingNext = change.next();
        if (change.posts().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(post(change.posts()));
    }

    @Override
    public void delivered(Message m) throws IOException {
        if (m.id().equals(pendingId)) {
            firing = pendingNext;
            pendingId = null;
            pendingNext = null;
            store.save(firing.encode());
        }
    }

    @Override
    public DeliveryOutcome outcome(Response r, Instant now) {
        return DeliveryOutcome.ofStatus(r, Channel.detail(r, r.body()), now);
    }

    /** Compacts a group: only the latest event of a link's state, path, BFD session... matters here. */
    @Override
    public Optional<String> replaceKey(AlertEvent e) {
        String aspect = switch (e.kind()) {
            case LINK_STATE, RESOLVED -> "state";
            case FAILOVER, FAILBACK -> "path";
            case BFD_DOWN, BFD_UP -> "bfd";
            case ACTION_FAILED -> "action";
            case PMTU_DROP -> "pmtu";
            case ROUTE_DRIFT -> "route";
            case TEST -> "test";
        };
        return Optional.of(e.link() + "/" + aspect);
    }

    @Override
    public Optional<Duration> repeatInterval() {
        return Optional.of(repeatInterval);
    }

    @Override
    public Optional<Request> repeat(Instant now) {
        List<FiringSet.Alert> all = firing.firing();
        return all.isEmpty() ? Optional.empty() : Optional.of(post(all));
    }

    private Request post(List<FiringSet.Alert> alerts) {
        return new Request(this.alerts, Map.of(), FiringSet.body(alerts).getBytes(StandardCharsets.UTF_8));
    }

    private String description(AlertEvent e) {
        return template.map(t -> TemplateRenderer.render(t, e, node, MarkupEscaping::none))
                .orElseGet(() -> EventText.plain(e));
    }
}
