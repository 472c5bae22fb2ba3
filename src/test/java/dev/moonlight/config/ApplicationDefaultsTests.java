package dev.moonlight.config;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;

import dev.moonlight.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application class declares before any file is read: the framework itself names
 * no application.
 */
class ApplicationDefaultsTests {

	@ProjectDefaults(value = "bundled-defaults", name = "shop-api")
	static final class ShopApplication {

	}

	static final class Application {

	}

	@Test
	void theClassNameNamesTheFilesAndTheAnnotationMayNameTheApplication() {
		ApplicationDefaults shop = ApplicationDefaults.of(ShopApplication.class);
		assertThat(shop.fileName()).isEqualTo("shop");
		assertThat(shop.name()).isEqualTo("shop-api");
		assertThat(shop.files().folder()).isEqualTo("bundled-defaults");
	}

	@Test
	void withoutTheAnnotationTheNameIsTheFileName() {
		assertThat(ApplicationDefaults.of(TestApplication.class))
			.isEqualTo(new ApplicationDefaults("test", "test", BundledFiles.NONE));
		assertThat(ApplicationDefaults.of(Application.class).fileName()).isEqualTo("moonlight");
		assertThat(ApplicationDefaults.of(null)).isEqualTo(ApplicationDefaults.NONE);
	}

	@Test
	void theServerTakesTheAnnotatedSourceElseTheFirst() {
		assertThat(MoonlightEnvironmentPostProcessor
			.defaults(new SpringApplication(TestApplication.class, ShopApplication.class))
			.fileName()).as("the annotated source, wherever it stands").isEqualTo("shop");
		assertThat(MoonlightEnvironmentPostProcessor
			.defaults(new SpringApplication(TestApplication.class, Application.class))
			.fileName()).as("else the first").isEqualTo("test");
	}

	@Test
	void theNameAndTheEmbeddedDatabaseComeFromTheApplicationUnlessTheProjectSetsThem(@TempDir Path dir) {
		MoonlightSettings settings = MoonlightConfigLoader.load(dir, ApplicationDefaults.of(ShopApplication.class),
				Map.<String, String>of()::get, CliOverrides.none(), (notice) -> {
				});
		assertThat(settings.app().name()).isEqualTo("shop-api");
		assertThat(settings.database().jdbcUrl())
			.startsWith("jdbc:h2:file:" + dir.toAbsolutePath().normalize().resolve("storage/data/shop") + ";");
		MoonlightSettings named = MoonlightConfigLoader.load(dir, ApplicationDefaults.of(ShopApplication.class),
				Map.of("APP_NAME", "storefront")::get, CliOverrides.none(), (notice) -> {
				});
		assertThat(named.app().name()).isEqualTo("storefront");
	}

}
