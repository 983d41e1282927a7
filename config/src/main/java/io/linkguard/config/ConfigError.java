package io.linkguard.config;

import java.util.Objects;

/**
 * One problem found in a config file.
 *
 * @param file    the file name as given to the loader, or {@code "<embedded default>"}
 * @param line    1-based line of the offending YAML node, or 0 when the problem concerns the whole file
 *                (e.g. it cannot be read)
 * @param key     the path of the offending key, e.g. {@code links[0].probes[1].interval}; {@code (yaml)}
 *                for YAML syntax errors, {@code (file)} for I/O problems
 * @param message what is wrong, for a human
 */
public record ConfigError(String file, int line, String key, String message) {

    public ConfigError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line < 0: " + line);
        }
    }

    /**
     * {@code FILE:LINE: KEY: MESSAGE}, the format of compilers, so editors can jump to the line; e.g.
     * {@code bad.yml:7: links[0].probes[1].interval: must be at least 10ms (got 5ms)}. Without a line
     * (line 0) it is {@code FILE: KEY: MESSAGE}.
     */
    @Override
    public String toString() {
        return line > 0
                ? file + ":" + line + ": " + key + ": " + message
                : file + ": " + key + ": " + message;
    }
}
