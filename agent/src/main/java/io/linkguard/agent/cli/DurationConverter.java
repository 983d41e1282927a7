package io.linkguard.agent.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "50ms", "1s", "2m", "300us" on the command line, the same units as the config. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern P = Pattern.compile("([0-9]+)(us|ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        Matcher m = P.matcher(value);
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("not a duration: '" + value + "' (expected e.g. 50ms, 1s)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "us" -> Duration.ofNanos(n * 1000);
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
