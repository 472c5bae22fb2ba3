package studio.northwind.deskflow.project;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checks {@link ExistingProject} with one indexed lookup. Spring's validator factory
 * creates it with the {@link JdbcClient} injected, which is why it needs no no-argument
 * constructor.
 */
public final class ExistingProjectValidator implements ConstraintValidator<ExistingProject, Long> {

	private final JdbcClient jdbc;

	public ExistingProjectValidator(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean isValid(Long projectId, ConstraintValidatorContext context) {
		return projectId == null || jdbc.sql("SELECT COUNT(*) FROM projects WHERE id = :id")
			.param("id", projectId)
			.query(Long.class)
			.single() > 0;
	}

}
