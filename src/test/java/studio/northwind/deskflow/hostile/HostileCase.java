package studio.northwind.deskflow.hostile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One hostile input and the answer it must get, from one line of a
 * {@code hostile/*.jsonl} file: its {@code name}, what to send (the fields depend on the
 * transport, see {@code hostile/README.md}) and {@code expect}. Strings may hold
 * placeholders the runner fills in: {@code {{repeat:N:TEXT}}} (TEXT N times, for inputs
 * too large for a file), tokens such as {@code {{alex}}} or {@code {{jwt:expired}}}, and
 * {@code {{port}}}.
 *
 * @param file the file it comes from
 * @param line its line in the file
 * @param spec the case as written
 */
record HostileCase(String file, int line, ObjectNode spec) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat:(\\d+):(.*?)}}", Pattern.DOTALL);

	/**
	 * The cases of one classpath file, such as {@code hostile/http.jsonl}; blank lines
	 * and {@code //} lines skipped.
	 */
	static List<HostileCase> load(String resource) {
		List<HostileCase> cases = new ArrayList<>();
		try (InputStream in = HostileCase.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("no corpus file " + resource);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			int number = 0;
			for (String text = reader.readLine(); text != null; text = reader.readLine()) {
				number++;
				if (text.isBlank() || text.startsWith("//")) {
					continue;
				}
				cases.add(new HostileCase(resource, number, (ObjectNode) JSON.readTree(text)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return cases;
	}

	String name() {
		return spec.path("name").asString(file + ":" + line);
	}

	/**
	 * A field's text with its placeholders filled in, or {@code fallback} when absent.
	 */
	String text(String field, String fallback, UnaryOperator<String> placeholders) {
		JsonNode value = spec.get(field);
		return (value == null || value.isNull()) ? fallback : expand(value.asString(), placeholders);
	}

	JsonNode get(String field) {
		return spec.get(field);
	}

	JsonNode expect() {
		return spec.path("expect");
	}

	/** {@code {{repeat:N:TEXT}}} first, then the runner's own placeholders. */
	static String expand(String text, UnaryOperator<String> placeholders) {
		Matcher repeat = REPEAT.matcher(text);
		StringBuilder out = new StringBuilder();
		while (repeat.find()) {
			repeat.appendReplacement(out, "");
			out.append(repeat.group(2).repeat(Integer.parseInt(repeat.group(1))));
		}
		repeat.appendTail(out);
		return placeholders.apply(out.toString());
	}

	@Override
	public String toString() {
		return file + ":" + line + " " + name();
	}

}
