package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("1994-11-06T08:49:30Z");

    @Test
    void delaySeconds() {
        assertThat(RetryAfter.parse("2", NOW)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse(" 120 ", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
    }

    @Test
    void httpDateIsTheWaitFromNow() {
        // The IMF-fixdate example of RFC 9110 §5.6.7.
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void absurdWaitsAreCapped() {
        assertThat(RetryAfter.parse("86400", NOW)).contains(RetryAfter.MAX);
        assertThat(RetryAfter.parse("99999999999999", NOW)).contains(RetryAfter.MAX);
    }

    @Test
    void missingOrMalformedIsEmpty() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-1", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("tomorrow", NOW)).isEmpty();
    }
}
