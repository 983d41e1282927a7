package io.linkguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"250us, PT0.00025S", "10ms, PT0.01S", "2s, PT2S", "5m, PT5M", "1h, PT1H", "0s, PT0S"})
    void parsesEveryUnit(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.5s   | fractions are not supported: write 1500ms instead of 1.5s",
        "0.5ms  | fractions are not supported: write 500us instead of 0.5ms",
        "1.5h   | fractions are not supported: write 90m instead of 1.5h",
        "0.0s   | fractions are not supported: write 0s instead of 0.0s",
        "0.0001us | fractions are not supported: use a whole number of us, ms, s, m or h",
        "30     | needs a unit, e.g. 30s or 30ms (got 30)",
        "5 s    | not a duration: \"5 s\" (expected a whole number and a unit: us, ms, s, m or h, e.g. 500ms or 2s)",
        "-1s    | not a duration: \"-1s\" (expected a whole number and a unit: us, ms, s, m or h, e.g. 500ms or 2s)",
        "1h30m  | not a duration: \"1h30m\" (expected a whole number and a unit: us, ms, s, m or h, e.g. 500ms or 2s)",
        "5µs    | unknown unit \"µs\" in \"5µs\" (use us, ms, s, m or h)",
        "5S     | unknown unit \"S\" in \"5S\" (use us, ms, s, m or h)",
    })
    void rejectsWithAHelpfulMessage(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text)).withMessage(message);
    }

    @Test
    void formatsInTheLargestExactUnitWithoutMinutes() {
        assertThat(Durations.format(Duration.ofMillis(10))).isEqualTo("10ms");
        assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("60s");
        assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(Durations.format(Duration.ofNanos(1500_000))).isEqualTo("1500us");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
