package dev.moonlight.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Composes {@code .rr.yaml} into SnakeYAML nodes (not objects) so every value keeps the
 * line of its start {@link Mark}, then flattens the tree into an {@link RrYaml}.
 */
final class RrYamlReader {

	// Aliases can make a node its own descendant; a config file never needs to be this
	// deep.
	private static final int MAX_DEPTH = 64;

	private final Function<String, String> env;

	private final Map<String, ConfigValue> scalars = new LinkedHashMap<>();

	private final Map<String, Origin> places = new LinkedHashMap<>();

	private final String file;

	RrYamlReader(Function<String, String> env, String file) {
		this.env = env;
		this.file = file;
	}

	RrYaml read(String text) {
		Node root = compose(text);
		if (root == null) {
			return RrYaml.empty();
		}
		if (!(root instanceof MappingNode mapping)) {
			throw new ConfigException(new Origin(this.file, line(root), null), null,
					"The file must be a mapping of sections such as http: and rpc:.");
		}
		mapping(mapping, "", 0);
		return new RrYaml(Collections.unmodifiableMap(this.scalars), Collections.unmodifiableMap(this.places));
	}

	private Node compose(String text) {
		try {
			return new Yaml(new LoaderOptions()).compose(new StringReader(text));
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			int line = (mark != null) ? mark.getLine() + 1 : 0;
			String problem = (ex.getProblem() != null) ? ex.getProblem() : ex.getContext();
			// "but found another document" needs its context ("expected a single document
			// in the stream") to make sense; "while parsing a block mapping" contexts add
			// nothing the line number does not say.
			if (ex.getProblem() != null && ex.getContext() != null && !ex.getContext().startsWith("while")) {
				problem = ex.getContext() + " " + problem;
			}
			throw new ConfigException(new Origin(this.file, line, null), null, invalidYaml(problem), ex);
		}
		catch (YAMLException ex) {
			throw new ConfigException(new Origin(this.file, 0, null), null, invalidYaml(ex.getMessage()), ex);
		}
	}

	private static String invalidYaml(String problem) {
		String text = (problem != null) ? problem.replaceAll("\\s+", " ").strip() : "unreadable";
		return "Invalid YAML: " + text + (text.endsWith(".") ? "" : ".");
	}

	private void mapping(MappingNode node, String prefix, int depth) {
		// YAML merge keys (<<: *defaults) come first so the mapping's own keys override
		// what they bring in.
		List<NodeTuple> own = new ArrayList<>();
		for (NodeTuple tuple : node.getValue()) {
			if (tuple.getKeyNode() instanceof ScalarNode key && "<<".equals(key.getValue())) {
				merge(tuple.getValueNode(), prefix, depth);
			}
			else {
				own.add(tuple);
			}
		}
		for (NodeTuple tuple : own) {
			if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
				throw new ConfigException(new Origin(this.file, line(tuple.getKeyNode()), prefix), null,
						"Keys must be plain names, not lists or mappings.");
			}
			String name = key.getValue().toLowerCase(Locale.ROOT);
			String path = prefix.isEmpty() ? name : prefix + "." + name;
			node(tuple.getValueNode(), path, line(key), depth + 1);
		}
	}

	private void merge(Node value, String prefix, int depth) {
		if (value instanceof MappingNode mapping) {
			mapping(mapping, prefix, depth + 1);
		}
		else if (value instanceof SequenceNode sequence) {
			sequence.getValue().forEach((item) -> merge(item, prefix, depth + 1));
		}
	}

	private void node(Node value, String path, int line, int depth) {
		if (depth > MAX_DEPTH) {
			throw new ConfigException(new Origin(this.file, line, null), null,
					"Nesting is deeper than " + MAX_DEPTH + " levels; check for an alias that refers to itself.");
		}
		this.places.put(path, new Origin(this.file, line, path));
		if (value instanceof ScalarNode scalar) {
			String text = Tag.NULL.equals(scalar.getTag()) ? "" : EnvExpander.expand(scalar.getValue(), this.env);
			this.scalars.put(path, new ConfigValue(text, new Origin(this.file, line, path)));
		}
		else if (value instanceof MappingNode mapping) {
			mapping(mapping, path, depth);
		}
		else if (value instanceof SequenceNode sequence) {
			List<Node> items = sequence.getValue();
			for (int i = 0; i < items.size(); i++) {
				node(items.get(i), path + "[" + i + "]", line(items.get(i)), depth + 1);
			}
		}
	}

	private static int line(Node node) {
		return (node.getStartMark() != null) ? node.getStartMark().getLine() + 1 : 0;
	}

}
