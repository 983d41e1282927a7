package io.linkguard.alerts.config;

import io.linkguard.config.Json;
import io.linkguard.config.Key;
import io.linkguard.config.Section;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code alerts:} section: where alerts go and how they are grouped and kept until delivered.
 *
 * @param groupWindow events of a channel arriving within this time of the first one are sent as one
 *                    message; {@link Duration#ZERO} sends each event as soon as the channel allows
 * @param groupMax    the most events in one message; a full group is sent without waiting for the window
 * @param spool       bounds of the on-disk spool of each channel
 * @param channels    where to send, in file order, at least one, unique names
 */
public record AlertsConfig(Duration groupWindow, int groupMax, Spool spool, List<ChannelConfig> channels) {

    public static final Duration DEFAULT_GROUP_WINDOW = Duration.ofSeconds(2);
    public static final int DEFAULT_GROUP_MAX = 20;

    static final Key<Duration> GROUP_WINDOW = Key.duration("group_window", DEFAULT_GROUP_WINDOW, Duration.ZERO,
            Duration.ofMinutes(1), "events of a channel within this time of a group's first are sent as one message;"
                    + " a group waits longer while the channel is rate limited or retrying");
    static final Key<Integer> GROUP_MAX = Key.integer("group_max", DEFAULT_GROUP_MAX, 1, 100,
            "events per message; a full group is sent at once");
    static final Key<Spool> SPOOL = Key.of("spool", Spool.DEFAULTS, AlertsParser::spool, Json.nullable(Spool.SECTION.schema()),
            "bounds of each channel's spool, under <state_directory>/alerts/<channel>/; empty: the defaults");
    /** Read by {@link AlertsParser}, which knows the environment for the secrets' {@code *_env}. */
    static final Key<List<ChannelConfig>> CHANNELS = Key.<List<ChannelConfig>>of("channels", null, null,
            Key.listOf(ChannelParser.schema(), 1), "where to send, at least one, unique names").readByCaller()
            .required();
    static final Section SECTION = new Section(" for alerts", GROUP_WINDOW, GROUP_MAX, SPOOL, CHANNELS);

    public AlertsConfig {
        Objects.requireNonNull(groupWindow, "groupWindow");
        Objects.requireNonNull(spool, "spool");
        channels = List.copyOf(channels);
        if (groupMax < 1) {
            throw new IllegalArgumentException("groupMax < 1: " + groupMax);
        }
    }

    /**
     * Bounds of one channel's spool. Past either bound the oldest messages are dropped (and counted).
     *
     * @param maxMessages messages waiting for delivery, per channel
     * @param maxBytes    bytes of spool files, per channel
     */
    public record Spool(int maxMessages, long maxBytes) {
        public static final int DEFAULT_MAX_MESSAGES = 1000;
        public static final long DEFAULT_MAX_BYTES = 16L << 20;
        public static final Spool DEFAULTS = new Spool(DEFAULT_MAX_MESSAGES, DEFAULT_MAX_BYTES);
        static final Key<Integer> MAX_MESSAGES = Key.integer("max_messages", DEFAULT_MAX_MESSAGES, 1, 100_000,
                "messages waiting for delivery, per channel; past it the oldest are dropped (and counted)");
        static final Key<Long> MAX_BYTES = Key.whole("max_bytes", DEFAULT_MAX_BYTES, 64 * 1024, 1L << 30, " bytes",
                false, "bytes of spool files, per channel (64 KiB to 1 GiB)");
        static final Section SECTION = new Section(" for the alert spool", MAX_MESSAGES, MAX_BYTES);

        public Spool {
            if (maxMessages < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("spool bounds must be positive");
            }
        }
    }

    /** The channel called {@code name}, if configured. */
    public Optional<ChannelConfig> channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
