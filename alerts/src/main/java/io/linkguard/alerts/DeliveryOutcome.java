package io.linkguard.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What one delivery attempt means for the message. */
sealed interface DeliveryOutcome {

    /** For status and logs: already free of secrets. */
    String detail();

    /** The endpoint took it (2xx): remove it from the spool. */
    record Delivered(String detail) implements DeliveryOutcome {
    }

    /** Try again later, not before {@code notBefore} if the endpoint said so. */
    record Retry(String detail, Optional<Duration> notBefore) implements DeliveryOutcome {
    }

    /** The endpoint refused this message for good (a 4xx): drop it, retrying cannot help. */
    record Rejected(String detail) implements DeliveryOutcome {
    }

    /**
     * The meaning of an HTTP status for a POST that creates a message (RFC 9110 §15): 2xx delivered;
     * 408 Request Timeout, 425 Too Early, 429 Too Many Requests and 5xx are worth retrying (honouring
     * {@code Retry-After}); any other 3xx/4xx means the request itself is wrong and would fail again.
     */
    static DeliveryOutcome ofStatus(Response r, String detail, Instant now) {
        if (r.isSuccess()) {
            return new Delivered(detail);
        }
        int s = r.status();
        if (s == 408 || s == 425 || s == 429 || s >= 500) {
            return new Retry(detail, RetryAfter.parse(r.retryAfter(), now));
        }
        return new Rejected(detail);
    }
}
