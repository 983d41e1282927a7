package io.linkguard.alerts;

import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.alerts.config.ChannelConfig;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code linkguard alert test}: one test message to each channel, sent now, synchronously, without the
 * spool, rate limit or retries, so the operator sees exactly what the endpoint answers.
 */
public final class ChannelTester {

    /**
     * One channel's answer.
     *
     * @param channel the channel's name
     * @param type    its type
     * @param ok      whether the endpoint accepted the message
     * @param status  the HTTP status, or empty if no HTTP answer came
     * @param detail  the verdict and what the endpoint said, without secrets
     */
    public record Result(String channel, String type, boolean ok, Optional<Integer> status, String detail) {
    }

    private ChannelTester() {
    }

    /**
     * Sends a test message to each of {@code channels}.
     *
     * @throws IOException if a channel's secret cannot be read (naming the config key)
     */
    public static List<Result> run(List<ChannelConfig> channels, String node) throws IOException {
        List<ChannelFactory.Built> built = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (ChannelConfig c : channels) {
            ChannelFactory.Built b = ChannelFactory.build(c, node);
            built.add(b);
            secrets.addAll(b.secrets());
        }
        Redactor redactor = new Redactor(secrets);
        List<Result> results = new ArrayList<>();
        for (ChannelFactory.Built b : built) {
            results.add(test(b.channel(AlertmanagerChannel.Store.NONE), node, redactor));
        }
        return results;
    }

    /** All channels of {@code cfg}, or only {@code name}. */
    public static List<ChannelConfig> select(AlertsConfig cfg, Optional<String> name) {
        return name.map(n -> cfg.channel(n).map(List::of).orElse(List.of())).orElse(cfg.channels());
    }

    static AlertEvent testEvent(String node, Instant now) {
        return new AlertEvent(AlertKind.TEST, Severity.INFO, "test", "up",
                "linkguard alert test from node " + node + ": if you read this, the channel works", Map.of(), now, now);
    }

    private static Result test(Channel channel, String node, Redactor redactor) {
        Instant now = Instant.now();
        Message m = new Message(UUID.randomUUID().toString(), now, List.of(testEvent(node, now)));
        Optional<Request> request = channel.request(m, now);
        if (request.isEmpty()) {
            return new Result(channel.name(), channel.type(), true, Optional.empty(), "nothing to send");
        }
        try {
            Response r = new HttpPost().send(request.get());
            DeliveryOutcome o = channel.outcome(r, Instant.now());
            String verdict = switch (o) {
                case DeliveryOutcome.Delivered d -> "ok";
                case DeliveryOutcome.Retry t -> "failed, would be retried";
                case DeliveryOutcome.Rejected j -> "rejected, would be dropped";
            };
            String said = redactor.apply(o.detail()).replaceFirst("^HTTP [0-9]+:? ?", "");
            return new Result(channel.name(), channel.type(), o instanceof DeliveryOutcome.Delivered,
                    Optional.of(r.status()),
                    said.isEmpty() ? verdict : verdict + ": " + said);
        } catch (IOException | RuntimeException e) {
            return new Result(channel.name(), channel.type(), false, Optional.empty(),
                    redactor.apply(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }
}
