package dev.moonlight.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The project files an application's jar carries (see {@link ProjectDefaults}), read from
 * its class loader.
 *
 * @param loader the class loader that holds them
 * @param folder the classpath folder, without leading or trailing slash; {@code null} for
 * none
 */
public record BundledFiles(ClassLoader loader, String folder) {

	/** No bundled files: a project is its folder alone. */
	public static final BundledFiles NONE = new BundledFiles(BundledFiles.class.getClassLoader(), null);

	/**
	 * The files {@code application}'s {@link ProjectDefaults} names.
	 * @param application the application class, or {@code null}
	 * @return its bundled files, or {@link #NONE} when it is not annotated
	 */
	public static BundledFiles of(Class<?> application) {
		ProjectDefaults defaults = (application != null) ? application.getAnnotation(ProjectDefaults.class) : null;
		if (defaults == null) {
			return NONE;
		}
		String folder = defaults.value().replaceAll("^/+|/+$", "");
		return new BundledFiles(application.getClassLoader(), folder);
	}

	/**
	 * How origins and errors name a bundled file:
	 * {@code classpath:project-defaults/.rr.yaml}.
	 */
	String label(String file) {
		return "classpath:" + this.folder + "/" + file;
	}

	/**
	 * The text of a bundled file.
	 * @param file the path as in the project folder, such as
	 * {@code environment/settings.ini}
	 * @return its text, or empty when there are no bundled files or this one is absent
	 * @throws ConfigException when it cannot be read or is not UTF-8
	 */
	Optional<String> read(String file) {
		if (this.folder == null) {
			return Optional.empty();
		}
		try (InputStream in = this.loader.getResourceAsStream(this.folder + "/" + file)) {
			if (in == null) {
				return Optional.empty();
			}
			return Optional.of(StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(in.readAllBytes()))
				.toString());
		}
		catch (CharacterCodingException ex) {
			throw new ConfigException(new Origin(label(file), 0, null), null, "The file is not valid UTF-8.", ex);
		}
		catch (IOException ex) {
			throw new ConfigException(new Origin(label(file), 0, null), null, "Cannot read the file (" + ex + ").", ex);
		}
	}

}
