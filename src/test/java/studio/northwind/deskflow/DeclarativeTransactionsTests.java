package studio.northwind.deskflow;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DeskFlow's application.properties leaves Spring Boot's declarative transactions out (a
 * start then checks no bean for {@code @Transactional}). Nothing would honour the
 * annotations afterwards: a {@code @Transactional} method would run without a transaction
 * and a {@code @TransactionalEventListener} before the commit, silently. So the first one
 * in the jar's code (DeskFlow's, or Moonlight's, which runs beside it) fails here, and
 * whoever adds it drops the exclusion (and this test) with it.
 */
class DeclarativeTransactionsTests {

	private static final String EXCLUDED = "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration";

	/** Spring honours both {@code @Transactional}s, and its event listener variant. */
	private static final List<String> ANNOTATIONS = List.of("org.springframework.transaction.annotation.Transactional",
			"jakarta.transaction.Transactional", "org.springframework.transaction.event.TransactionalEventListener");

	@Test
	void theApplicationLeavesDeclarativeTransactionsOut() throws IOException {
		Properties properties = new Properties();
		try (InputStream in = DeclarativeTransactionsTests.class.getResourceAsStream("/application.properties")) {
			assertThat(in).as("DeskFlow's application.properties").isNotNull();
			properties.load(in);
		}
		assertThat(
				Arrays.stream(properties.getProperty("spring.autoconfigure.exclude", "").split(",")).map(String::strip))
			.contains(EXCLUDED);
	}

	@Test
	void theJarsCodeDeclaresNoTransactions() {
		JavaClasses application = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("studio.northwind.deskflow", "dev.moonlight");
		assertThat(application.size()).as("DeskFlow and Moonlight classes imported").isGreaterThan(300);
		for (String annotation : ANNOTATIONS) {
			// ArchUnit's "meta-annotated" takes the annotation itself too.
			String because = EXCLUDED + " is excluded, so nothing would honour it";
			noClasses().should().beMetaAnnotatedWith(annotation).because(because).check(application);
			noMethods().should().beMetaAnnotatedWith(annotation).because(because).check(application);
		}
	}

}
