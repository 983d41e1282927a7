package io.linkguard.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code Retry-After} header (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date
 * (IMF-fixdate, RFC 9110 §5.6.7). Pure.
 */
final class RetryAfter {
    /** A server asking for more than this is capped: an alert an hour late is lost in all but name. */
    static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {
    }

    /** The wait the header asks for, from {@code now}; empty if absent or malformed. Never negative. */
    static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            if (value.length() > 9) {
                return Optional.of(MAX);
            }
            return Optional.of(cap(Duration.ofSeconds(Long.parseLong(value))));
        }
        try {
            // RFC_1123_DATE_TIME reads IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT").
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : cap(wait));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Duration cap(Duration d) {
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
