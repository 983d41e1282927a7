package io.linkguard.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A config could not be loaded. Carries every problem found (not just the first), sorted by line;
 * {@link #getMessage()} lists them one per line in {@code FILE:LINE: KEY: MESSAGE} form.
 */
public final class ConfigException extends Exception {

    private final List<ConfigError> errors;

    /** @param errors at least one error; they are sorted by line (stably: same-line errors keep their order) */
    public ConfigException(List<ConfigError> errors) {
        super(format(errors));
        this.errors = errors.stream().sorted(Comparator.comparingInt(ConfigError::line)).toList();
    }

    /** The problems found, sorted by line. Never empty. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String format(List<ConfigError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        return errors.stream()
                .sorted(Comparator.comparingInt(ConfigError::line))
                .map(ConfigError::toString)
                .collect(Collectors.joining("\n"));
    }
}
