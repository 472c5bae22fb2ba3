package dev.moonlight.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The settings.ini and .rr.yaml a jar carries ({@link ProjectDefaults}), with the
 * folder's files laid over them.
 */
class BundledDefaultsTests {

	private static final String BUNDLED_INI = "classpath:bundled-defaults/environment/settings.ini";

	@ProjectDefaults("bundled-defaults")
	static final class Bundling {

	}

	static final class NotBundling {

	}

	@TempDir
	Path dir;

	@Test
	void anEmptyFolderBootsOnWhatTheJarCarries() {
		MoonlightSettings settings = load(Map.of());
		assertThat(settings.switches()).extracting(SwitchEntry::className)
			.containsExactly("dev.moonlight.testapp.TestSwitch");
		assertThat(settings.switches().get(0).origin()).isEqualTo(new Origin(BUNDLED_INI, 3, "[app_switches] v1"));
		assertThat(settings.listen()).isEqualTo(new ListenAddress("127.0.0.1", 8100));
		assertThat(settings.http().pool().numWorkers()).isEqualTo(3);
		assertThat(settings.files().rr().origin("rpc.listen").file()).isEqualTo("classpath:bundled-defaults/.rr.yaml");
	}

	@Test
	void theFolderOverridesKeyByKeyAndTheEnvironmentOutranksBoth() throws Exception {
		write("environment/settings.ini", "[server]\nport = 8200\n\n[cors]\nORIGINS[] = https://c.example\n");
		write(".rr.yaml", "http:\n  pool:\n    num_workers: 5\n  middleware: [ \"sendfile\" ]\n");
		MoonlightSettings settings = load(Map.of());
		assertThat(settings.listen()).as("PORT from the folder (whatever its case), HOST from the jar")
			.isEqualTo(new ListenAddress("127.0.0.1", 8200));
		assertThat(settings.files().ini().section("server")).containsOnlyKeys("HOST", "port");
		assertThat(settings.files().ini().array("cors", "ORIGINS")).as("an array is replaced whole")
			.extracting(ConfigValue::value)
			.containsExactly("https://c.example");
		assertThat(settings.http().pool().numWorkers()).isEqualTo(5);
		assertThat(settings.http().pool().maxQueueSize()).isEqualTo(64);
		assertThat(settings.files().rr().list("http.middleware")).as("a list is replaced whole")
			.extracting(ConfigValue::value)
			.containsExactly("sendfile");
		assertThat(settings.files().rr().origin("http.pool.num_workers"))
			.isEqualTo(new Origin(RrYaml.FILE, 3, "http.pool.num_workers"));
		assertThat(settings.switches()).hasSize(1);
		assertThat(load(Map.of("PORT", "8300")).listen().port()).isEqualTo(8300);
	}

	@Test
	void aBrokenFolderFileIsNamedAsTheFolderFile() throws Exception {
		write("environment/settings.ini", "[server\n");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> load(Map.of()))
			.withMessageStartingWith("environment/settings.ini:1:");
	}

	@Test
	void anApplicationWithoutTheAnnotationReadsItsFolderAlone() {
		assertThat(BundledFiles.of(NotBundling.class)).isEqualTo(BundledFiles.NONE);
		MoonlightSettings settings = MoonlightConfigLoader.load(this.dir, ApplicationDefaults.of(NotBundling.class),
				Map.<String, String>of()::get, CliOverrides.none(), (notice) -> {
				});
		assertThat(settings.switches()).isEmpty();
		assertThat(settings.listen().port()).isEqualTo(8000);
	}

	private MoonlightSettings load(Map<String, String> env) {
		return MoonlightConfigLoader.load(this.dir, ApplicationDefaults.of(Bundling.class), env::get,
				CliOverrides.none(), (notice) -> {
				});
	}

	private void write(String file, String text) throws Exception {
		Path path = this.dir.resolve(file);
		Files.createDirectories(path.getParent());
		Files.writeString(path, text);
	}

}
