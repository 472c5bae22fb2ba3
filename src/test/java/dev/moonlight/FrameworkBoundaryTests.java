package dev.moonlight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Condition;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moonlight is a framework and DeskFlow one application of it: nothing under
 * {@code dev.moonlight} may reach into the application or carry its names, so another
 * application gets the framework without DeskFlow's defaults.
 */
class FrameworkBoundaryTests {

	private static final Pattern APPLICATION_NAMES = Pattern.compile("deskflow|northwind|alex@");

	/**
	 * The framework's resources; the application's are application.properties,
	 * db/migration and its defaults.
	 */
	private static final List<Path> FRAMEWORK_SOURCES = List.of(Path.of("src/main/java/dev/moonlight"),
			Path.of("src/main/resources/dev/moonlight"), Path.of("src/main/resources/db/moonlight"),
			Path.of("src/main/resources/META-INF"));

	@Test
	void theFrameworkNeverDependsOnTheApplication() {
		JavaClasses framework = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.moonlight");
		assertThat(framework.size()).as("framework classes imported").isGreaterThan(100);
		noClasses().that()
			.resideInAPackage("dev.moonlight..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("studio.northwind..")
			.check(framework);
	}

	/**
	 * Spring AOT's guard asks the recorded conditions again, and only a
	 * {@code SpringBootCondition} records itself.
	 */
	@Test
	void theFrameworksConditionsRecordTheirOutcomes() {
		JavaClasses framework = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.moonlight");
		classes().that().implement(Condition.class).should().beAssignableTo(SpringBootCondition.class).check(framework);
	}

	@Test
	void theFrameworkNamesNoApplication() throws IOException {
		List<String> found = new ArrayList<>();
		for (Path root : FRAMEWORK_SOURCES) {
			assertThat(root).as("a framework source folder").isDirectory();
			try (Stream<Path> files = Files.walk(root)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
					for (int i = 0; i < lines.size(); i++) {
						if (APPLICATION_NAMES.matcher(lines.get(i).toLowerCase(Locale.ROOT)).find()) {
							found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
						}
					}
				}
			}
		}
		assertThat(found).as("application names in framework code or resources").isEmpty();
	}

}
