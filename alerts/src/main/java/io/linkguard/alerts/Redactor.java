package io.linkguard.alerts;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is logged or shown: every configured secret value (and, for URLs,
 * their path and query, raw and decoded, and their longer path segments and query values, in case an
 * endpoint echoes them), any URL at all (exception messages of {@link java.net.HttpURLConnection} quote
 * the request URL), and anything shaped like a Telegram bot token. Pure.
 */
public final class Redactor {
    static final String MASK = "[redacted]";
    /** Shorter values are not masked: masking "ab" would garble every message and protect nothing. */
    static final int MIN_SECRET_LENGTH = 4;
    /** URL path segments and query values are masked from this length: long enough to be a token, not a word. */
    static final int MIN_PART_LENGTH = 10;
    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s\"'<>]+");
    /** Bot API tokens: {@code <bot id>:<35 characters>}. */
    private static final Pattern BOT_TOKEN = Pattern.compile("\\b[0-9]{5,}:[A-Za-z0-9_-]{20,}");

    private final List<String> secrets;

    Redactor(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>();
        for (String v : values) {
            add(all, v);
            try {
                URI uri = new URI(v);
                if (uri.getScheme() != null && uri.getRawPath() != null) {
                    add(all, uri.getRawPath());
                    add(all, uri.getPath());
                    add(all, uri.getRawQuery());
                    add(all, uri.getRawUserInfo());
                    // Parts, in case an endpoint echoes only the token segment or parameter value back.
                    for (String part : (uri.getRawPath() + "&" + (uri.getRawQuery() == null ? "" : uri.getRawQuery()))
                            .split("[/&=]")) {
                        if (part.length() >= MIN_PART_LENGTH) {
                            add(all, part);
                        }
                    }
                }
            } catch (java.net.URISyntaxException e) {
                // not a URL: the value itself is masked
            }
            try {
                add(all, URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // not %-encoded: the value itself is masked
            }
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first: mask a URL before its path
        this.secrets = List.copyOf(sorted);
    }

    private static void add(Set<String> all, String s) {
        if (s != null && s.length() >= MIN_SECRET_LENGTH && !s.equals("/")) {
            all.add(s);
        }
    }

    /** A redactor for {@code values}, for callers outside this package (hook output: see failover.HookRedaction). */
    public static Redactor of(Collection<String> values) {
        return new Redactor(values);
    }

    /**
     * The length of the longest end of {@code text} that is the start (not the whole) of a secret: what a
     * caller that cut text short must drop before masking it, as the rest of that secret is gone.
     */
    public int partialSecretAtEnd(String text) {
        int longest = 0;
        for (String s : secrets) {
            for (int k = Math.min(s.length() - 1, text.length()); k > longest; k--) {
                if (text.regionMatches(text.length() - k, s, 0, k)) {
                    longest = k;
                    break;
                }
            }
        }
        return longest;
    }

    /** {@code text} without secrets; {@code null} becomes empty. */
    public String apply(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        out = URL.matcher(out).replaceAll("<url>");
        return BOT_TOKEN.matcher(out).replaceAll(MASK);
    }
}
