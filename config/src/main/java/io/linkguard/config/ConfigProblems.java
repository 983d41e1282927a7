package io.linkguard.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors found while reading one config file, so that all of them are reported at once. */
public final class ConfigProblems {

    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    public ConfigProblems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void add(int line, String key, String message) {
        errors.add(new ConfigError(file, line, key, message));
    }

    /** Reports a problem with the value at {@code field}. */
    public void add(Field field, String message) {
        add(field.line(), field.key(), message);
    }

    /** Number of errors so far; compare before and after reading a part to know whether it was valid. */
    public int count() {
        return errors.size();
    }

    public void throwIfAny() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
