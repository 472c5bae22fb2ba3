package dev.moonlight.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.config.CliOverrides;
import dev.moonlight.config.ConfigException;
import dev.moonlight.config.MoonlightConfigLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The docs gate's settings: settings.ini, then the environment, then .env; on unless in
 * production.
 */
class DocsSettingsTests {

	@TempDir
	Path dir;

	private final Map<String, String> env = new HashMap<>();

	private DocsSettings read() {
		return DocsSettings.read(MoonlightConfigLoader.load(dir, env::get, CliOverrides.none(), (notice) -> {
		}), env::get);
	}

	private void write(String file, String text) throws IOException {
		Path path = dir.resolve(file);
		Files.createDirectories(path.getParent());
		Files.writeString(path, text);
	}

	@Test
	void docsAreOnWithoutSettingsOutsideProduction() {
		assertThat(read()).isEqualTo(new DocsSettings(true, null));
	}

	@Test
	void productionTurnsThemOffUnlessSomethingSaysOtherwise() throws IOException {
		env.put("APP_ENV", "production");
		assertThat(read().enabled()).isFalse();
		write("environment/settings.ini", "[docs]\nENABLED = true\n");
		assertThat(read().enabled()).as("[docs] ENABLED wins over the production default").isTrue();
	}

	@Test
	void settingsIniOutranksTheEnvironmentWhichOutranksDotEnv() throws IOException {
		write("environment/.env", "DOCS_ENABLED=false\nDOCS_TOKEN=from-dotenv\n");
		assertThat(read()).isEqualTo(new DocsSettings(false, "from-dotenv"));
		env.put("DOCS_ENABLED", "yes");
		env.put("DOCS_TOKEN", "from-env");
		assertThat(read()).isEqualTo(new DocsSettings(true, "from-env"));
		write("environment/settings.ini", "[docs]\nENABLED = off\nTOKEN = from-ini\n");
		assertThat(read()).isEqualTo(new DocsSettings(false, "from-ini"));
	}

	@Test
	void aValueThatIsNoBooleanNamesWhereItCameFrom() throws IOException {
		write("environment/settings.ini", "[docs]\nENABLED = maybe\n");
		assertThatThrownBy(this::read).isInstanceOf(ConfigException.class)
			.hasMessageContaining("environment/settings.ini")
			.hasMessageContaining("maybe");
	}

	@Test
	void theTokenNeverShowsInTheRecordsText() {
		assertThat(new DocsSettings(true, "s3cret")).hasToString("DocsSettings[enabled=true, token=(set)]");
	}

}
