package io.linkguard.agent.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors found while reading one config file, so that all of them are reported at once. */
final class Problems {

    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(int line, String key, String message) {
        errors.add(new ConfigError(file, line, key, message));
    }

    /** Reports a problem with the value at {@code field}. */
    void add(Field field, String message) {
        add(field.line(), field.key(), message);
    }

    /** Number of errors so far; compare before and after reading a part to know whether it was valid. */
    int count() {
        return errors.size();
    }

    void throwIfAny() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
