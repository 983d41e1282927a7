package io.linkguard.agent.config;

import org.yaml.snakeyaml.nodes.Node;

/**
 * A YAML node together with its path in the config, e.g. {@code links[0].probes[1].interval}, and the
 * line to report problems with it at.
 *
 * @param path the dotted path of the node; empty for the document root
 * @param node the node
 * @param line 1-based line of the key for a mapping value (a block list or mapping value starts on the
 *             next line, but the operator looks for the key), else of the node itself
 */
record Field(String path, Node node, int line) {

    static Field root(Node node) {
        return new Field("", node, line(node));
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** The path as shown in messages. */
    String key() {
        return path.isEmpty() ? "(top level)" : path;
    }

    /** The path of key {@code name} inside this mapping. */
    String childPath(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    Field child(String name, Node key, Node value) {
        return new Field(childPath(name), value, line(key));
    }

    Field item(int index, Node value) {
        return new Field(path + "[" + index + "]", value, line(value));
    }
}
