package io.linkguard.alerts.config;

import io.linkguard.config.Field;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.SecretRef;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret references of a channel ({@code *_file}, {@code *_env}) and its URLs. A secret file must exist,
 * be readable and give no access to group or others ({@link SecretRef#modeProblem}); a variable must be set.
 * Values are read when the dispatcher starts, except a token-carrying URL's, read now only to refuse
 * {@code http://} ({@link TokenUrls}).
 */
final class ChannelSecretParser {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final ConfigProblems problems;
    private final Map<String, String> env;

    ChannelSecretParser(ConfigProblems problems, Map<String, String> env) {
        this.problems = problems;
        this.env = env;
    }

    /**
     * {@code url_file} or {@code url_env} of a URL that carries a token (Slack, webhook). Its value is read
     * now only to refuse an {@code http://} URL to a host that is not loopback ({@link TokenUrls}); anything
     * else wrong with it is reported when the channel is built.
     */
    Optional<SecretRef> tokenUrl(YamlMapping ch) {
        return secret(ch, "url", false).filter(ref -> {
            Optional<String> problem;
            try {
                problem = TokenUrls.secretProblem(new java.net.URI(ref.read(env)), ref);
            } catch (java.io.IOException | java.net.URISyntaxException e) {
                return true;
            }
            return noProblem(ch.optional("url_file").or(() -> ch.optional("url_env")).orElseThrow(), problem);
        });
    }

    /** Reports {@code problem}, if any, at {@code field}; true if there is none. */
    boolean noProblem(Field field, Optional<String> problem) {
        problem.ifPresent(p -> problems.add(field, p));
        return problem.isEmpty();
    }

    /**
     * Exactly one of {@code BASE_file}, {@code BASE_env} (and {@code BASE} itself when {@code inlineAllowed}).
     */
    Optional<SecretRef> secret(YamlMapping ch, String base, boolean inlineAllowed) {
        List<String> keys = new ArrayList<>(List.of(base + "_file", base + "_env"));
        if (inlineAllowed) {
            keys.addFirst(base);
        }
        List<String> present = keys.stream().filter(k -> ch.optional(k).isPresent()).toList();
        if (present.isEmpty() && !inlineAllowed && ch.optional(base).isPresent()) {
            return Optional.empty(); // written inline: already reported as such
        }
        if (present.isEmpty()) {
            problems.add(ch.self().line(), ch.self().childPath(keys.getFirst()),
                    "required key is missing (set one of: " + String.join(", ", keys) + ")");
            return Optional.empty();
        }
        if (present.size() > 1) {
            problems.add(ch.optional(present.get(1)).orElseThrow(),
                    "set only one of " + String.join(", ", present));
            return Optional.empty();
        }
        String key = present.getFirst();
        Field field = ch.optional(key).orElseThrow();
        Optional<String> text = YamlValues.text(field, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String origin = problems.file() + ":" + field.line() + ": " + field.key();
        if (key.endsWith("_env")) {
            if (!ENV_NAME.matcher(text.get()).matches()) {
                problems.add(field, "not an environment variable name: " + YamlValues.quote(text.get()));
                return Optional.empty();
            }
            String value = env.get(text.get());
            if (value == null || value.isBlank()) {
                problems.add(field, "environment variable " + text.get()
                        + (value == null ? " is not set" : " is empty"));
                return Optional.empty();
            }
            return Optional.of(new SecretRef(SecretRef.Kind.ENV, text.get(), origin));
        }
        if (key.endsWith("_file")) {
            Path file = Path.of(text.get());
            if (!file.isAbsolute()) {
                problems.add(field, "must be an absolute path (got " + YamlValues.quote(text.get()) + ")");
                return Optional.empty();
            }
            if (!Files.isRegularFile(file)) {
                problems.add(field, file + ": " + (Files.exists(file) ? "not a regular file" : "file not found"));
                return Optional.empty();
            }
            if (!Files.isReadable(file)) {
                problems.add(field, file + ": permission denied");
                return Optional.empty();
            }
            Optional<String> mode = fileModeProblem(file);
            if (mode.isPresent()) {
                problems.add(field, file + ": " + mode.get());
                return Optional.empty();
            }
            return Optional.of(new SecretRef(SecretRef.Kind.FILE, text.get(), origin));
        }
        return url(field, text.get()).map(u -> new SecretRef(SecretRef.Kind.INLINE, u.toString(), origin));
    }

    private static Optional<String> fileModeProblem(Path file) {
        try {
            return SecretRef.modeProblem(file);
        } catch (java.io.IOException e) {
            return Optional.of("cannot read its permissions: " + e.getMessage());
        }
    }

    /** An http(s) URL with a host and no credentials, query or fragment; a trailing slash is dropped. */
    Optional<URI> url(Field field, String text) {
        Optional<String> problem = urlProblem(text);
        if (problem.isPresent()) {
            boolean credentials = problem.get().startsWith("credentials");
            problems.add(field, problem.get() + (credentials ? "" : " (got " + YamlValues.quote(text) + ")"));
            return Optional.empty();
        }
        String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        return Optional.of(URI.create(trimmed));
    }

    /** Also used for URLs read from files and variables at start, so it names no value. */
    static Optional<String> urlProblem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("not a URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            return Optional.of("must be an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("credentials in an inline URL would end up in logs: put the URL in url_file");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("a base URL takes no ?query or #fragment");
        }
        return Optional.empty();
    }
}
