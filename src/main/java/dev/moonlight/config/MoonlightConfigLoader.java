package dev.moonlight.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.moonlight.storage.StorageDir;

/**
 * Reads {@code environment/.env}, {@code environment/settings.ini} and {@code .rr.yaml}
 * from a project directory once, and turns them into {@link MoonlightSettings}. All three
 * files are optional; on a fresh checkout's first run {@code .env} is first created from
 * {@code .env.example} ({@link FirstRunDotEnv}).
 */
public final class MoonlightConfigLoader {

	private MoonlightConfigLoader() {
	}

	/**
	 * Loads the settings, logging notices (such as ignored RoadRunner keys) through
	 * commons-logging.
	 * @param projectDir the directory holding {@code environment/} and {@code .rr.yaml}
	 * @param processEnv the process environment; wins over {@code .env}
	 * @param cli {@code --host} / {@code --port} from the command line
	 * @return the validated settings
	 * @throws ConfigException naming file, line, key and value for the first unusable
	 * value
	 */
	public static MoonlightSettings load(Path projectDir, Function<String, String> processEnv, CliOverrides cli) {
		Log log = LogFactory.getLog(MoonlightConfigLoader.class);
		return load(projectDir, processEnv, cli, (notice) -> log(log, notice));
	}

	/**
	 * Loads the settings and hands every notice to {@code notices} (the Spring hook
	 * defers them until logging is set up).
	 * @param projectDir the directory holding {@code environment/} and {@code .rr.yaml}
	 * @param processEnv the process environment; wins over {@code .env}
	 * @param cli {@code --host} / {@code --port} from the command line
	 * @param notices receives each notice once
	 * @return the validated settings
	 * @throws ConfigException naming file, line, key and value for the first unusable
	 * value
	 */
	public static MoonlightSettings load(Path projectDir, Function<String, String> processEnv, CliOverrides cli,
			Consumer<ConfigNotice> notices) {
		return load(projectDir, ApplicationDefaults.NONE, processEnv, cli, notices);
	}

	/**
	 * Loads the settings of an application's project: the folder's files laid over the
	 * ones its jar carries, and its name and file name where the environment and files
	 * set none.
	 * @param projectDir the directory holding {@code environment/} and {@code .rr.yaml}
	 * @param application what the application class declares
	 * ({@link ApplicationDefaults#NONE} for nothing)
	 * @param processEnv the process environment; wins over {@code .env}
	 * @param cli {@code --host} / {@code --port} from the command line
	 * @param notices receives each notice once
	 * @return the validated settings
	 * @throws ConfigException naming file, line, key and value for the first unusable
	 * value
	 */
	public static MoonlightSettings load(Path projectDir, ApplicationDefaults application,
			Function<String, String> processEnv, CliOverrides cli, Consumer<ConfigNotice> notices) {
		Path dir = projectDir.toAbsolutePath().normalize();
		new FirstRunDotEnv(new SecureRandom()).createIfMissing(dir, processEnv, notices);
		ProjectFiles files = files(dir, application.files(), processEnv);
		new RrSections(files.rr(), notices).report();
		EnvLookup env = new EnvLookup(processEnv, files.dotEnv());
		int cpus = Runtime.getRuntime().availableProcessors();
		// The process environment alone (not .env): the command line finds the same
		// folder without reading the files.
		StorageDir storage = StorageDir.of(dir, processEnv);
		return new MoonlightSettings(dir, storage, app(env, application.name()),
				new ListenAddressResolver(cli, env, files.ini(), files.rr()).resolve(),
				new HttpSectionReader(files.rr(), cpus, notices).read(), SwitchReader.read(files.ini()),
				new DatabaseResolver(dir, storage, env, files.ini(), application.fileName()).resolve(), files);
	}

	/**
	 * Parses the three files without interpreting any section, for tools that need one
	 * setting of a project they do not boot (the command line reads {@code rpc.listen}
	 * this way to reach a running server). Unlike a boot, it never creates a file.
	 * @param projectDir the directory holding {@code environment/} and {@code .rr.yaml}
	 * @param processEnv the process environment; wins over {@code .env} in {@code ${VAR}}
	 * expansion
	 * @return the parsed files; a missing file is an empty document
	 * @throws ConfigException naming file and line when a file does not parse
	 */
	public static ProjectFiles files(Path projectDir, Function<String, String> processEnv) {
		return files(projectDir, BundledFiles.NONE, processEnv);
	}

	/**
	 * The same as {@link #files(Path, Function)}, with the folder's settings.ini and
	 * .rr.yaml laid over the ones the application's jar carries, key by key.
	 * @param projectDir the directory holding {@code environment/} and {@code .rr.yaml}
	 * @param bundled the defaults the application's jar carries
	 * @param processEnv the process environment; wins over {@code .env} in {@code ${VAR}}
	 * expansion
	 * @return the merged files
	 * @throws ConfigException naming file and line when a file does not parse
	 */
	public static ProjectFiles files(Path projectDir, BundledFiles bundled, Function<String, String> processEnv) {
		Path dir = projectDir.toAbsolutePath().normalize();
		DotEnv dotEnv = read(dir, DotEnv.FILE).map(DotEnv::parse).orElse(DotEnv.empty());
		EnvLookup env = new EnvLookup(processEnv, dotEnv);
		IniDocument ini = read(dir, IniDocument.FILE).map(IniDocument::parse)
			.orElse(IniDocument.empty())
			.over(bundled.read(IniDocument.FILE)
				.map((text) -> IniDocument.parse(text, bundled.label(IniDocument.FILE)))
				.orElse(IniDocument.empty()));
		RrYaml rr = read(dir, RrYaml.FILE).map((text) -> RrYaml.parse(text, env::text))
			.orElse(RrYaml.empty())
			.over(bundled.read(RrYaml.FILE)
				.map((text) -> RrYaml.parse(text, env::text, bundled.label(RrYaml.FILE)))
				.orElse(RrYaml.empty()));
		return new ProjectFiles(ini, dotEnv, rr);
	}

	static AppSettings app(EnvLookup env, String defaultName) {
		String name = env.first("APP_NAME").map((value) -> value.value().strip()).orElse(defaultName);
		boolean debug = env.first("DEBUG", "APP_DEBUG").map(ValueParsers::bool).orElse(false);
		String environment = env.first("APP_ENV").map(ConfigValue::value).orElse(AppSettings.DEFAULT_ENVIRONMENT);
		return new AppSettings(name, debug, environment);
	}

	private static Optional<String> read(Path dir, String file) {
		Path path = dir.resolve(file);
		if (!Files.exists(path)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.readString(path));
		}
		catch (CharacterCodingException ex) {
			throw new ConfigException(new Origin(file, 0, null), null, "The file is not valid UTF-8; save it as UTF-8.",
					ex);
		}
		catch (IOException ex) {
			throw new ConfigException(new Origin(file, 0, null), null, "Cannot read the file (" + ex + ").", ex);
		}
	}

	private static void log(Log log, ConfigNotice notice) {
		if (notice.warning()) {
			log.warn(notice);
		}
		else {
			log.info(notice);
		}
	}

}
