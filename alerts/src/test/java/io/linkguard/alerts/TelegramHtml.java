package io.linkguard.alerts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks text the way Telegram's HTML parse mode reads it (Bot API, "HTML style"): tags from a
 * small set, properly nested, nothing inside code/pre; every other {@code <}, {@code >}, {@code &}
 * written as an entity, and only {@code &lt; &gt; &amp; &quot;} or numeric entities. Test helper.
 */
public final class TelegramHtml {
    /** What the dispatcher may use; Telegram supports more (u, s, a, ...), we promise these only. */
    public static final Set<String> ALLOWED = Set.of("b", "i", "code", "pre");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);");

    private TelegramHtml() {
    }

    /** The problems found; empty if Telegram would accept and render it as intended. */
    public static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        Deque<String> open = new ArrayDeque<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                Matcher t = TAG.matcher(text).region(i, text.length());
                if (!t.lookingAt() || !ALLOWED.contains(t.group(2))) {
                    problems.add("bare or unsupported '<' at " + i);
                    continue;
                }
                String tag = t.group(2);
                if (t.group(1).isEmpty()) {
                    if (open.contains("code") || open.contains("pre")) {
                        problems.add("<" + tag + "> inside code/pre at " + i);
                    }
                    open.push(tag);
                } else if (open.isEmpty() || !open.pop().equals(tag)) {
                    problems.add("unbalanced </" + tag + "> at " + i);
                }
                i = t.end() - 1;
            } else if (c == '>') {
                problems.add("bare '>' at " + i);
            } else if (c == '&') {
                Matcher e = ENTITY.matcher(text).region(i, text.length());
                if (!e.lookingAt()) {
                    problems.add("bare '&' at " + i);
                }
            }
        }
        if (!open.isEmpty()) {
            problems.add("unclosed <" + open.peek() + ">");
        }
        return problems;
    }

    /** The text a Telegram user sees: tags removed, entities decoded. */
    public static String visible(String text) {
        return text.replaceAll("</?(b|i|code|pre)>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&amp;", "&");
    }
}
