package studio.northwind.deskflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

import dev.moonlight.config.ConfigAutoConfiguration;
import dev.moonlight.database.DatabaseAutoConfiguration;
import dev.moonlight.security.SecurityAutoConfiguration;
import studio.northwind.deskflow.member.MemberService;
import studio.northwind.deskflow.project.ProjectService;
import studio.northwind.deskflow.system.DevelopmentSeed;
import studio.northwind.deskflow.task.TaskService;

/**
 * A DeskFlow data test: the feature beans on a real in-memory H2 in PostgreSQL mode,
 * migrated by Flyway through Spring Boot (so the seed bean is picked up as the
 * application does), with the Jakarta validator, the password hasher and JWT tokens, and
 * no web layer. Each test runs in a transaction that is rolled back, so every test starts
 * from the seed. The project folder is a test resource (JWT on, no {@code .env}), so a
 * data test never writes {@code environment/.env} into the working tree. The seed
 * password is a property, and so is the JWT secret: random for each run (Spring's
 * {@code random.value}), so no signing secret is written down even in the tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
// RecordedChannels is listed here rather than declared in Features: the application's
// component scan finds Features too, and a Channels bean there would replace the real one
// in every DeskFlow the tests boot.
@SpringBootTest(classes = { DeskFlowDataTest.Features.class, RecordedChannels.class },
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = {
				"spring.datasource.url=jdbc:h2:mem:deskflow-data;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
						+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa", "moonlight.project-dir=src/test/resources/projects/deskflow-data",
				"JWT_SECRET=${random.value}${random.value}",
				"DESKFLOW_SEED_PASSWORD=" + DeskFlowDataTest.SEED_PASSWORD })
@Transactional
public @interface DeskFlowDataTest {

	/** The seeded members' password in data tests, the tutorial's. */
	String SEED_PASSWORD = "secret";

	/**
	 * The DeskFlow feature packages and the auto-configuration they need, nothing else.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class,
			ValidationAutoConfiguration.class, ConfigAutoConfiguration.class, SecurityAutoConfiguration.class,
			DatabaseAutoConfiguration.class })
	@ComponentScan(basePackageClasses = { DevelopmentSeed.class, TaskService.class, ProjectService.class,
			MemberService.class })
	class Features {

	}

}
