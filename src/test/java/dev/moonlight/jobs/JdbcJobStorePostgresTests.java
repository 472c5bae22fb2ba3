package dev.moonlight.jobs;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.moonlight.testing.ScratchPostgres;

/**
 * The jobs table on PostgreSQL: the ordered one-statement claim with
 * {@code FOR UPDATE SKIP LOCKED}.
 */
@Tag("postgres")
class JdbcJobStorePostgresTests extends JdbcJobStoreTests {

	private ScratchPostgres database;

	@Override
	DataSource dataSource() {
		database = ScratchPostgres.create("jobs_store");
		return new SimpleDriverDataSource(new org.postgresql.Driver(),
				"jdbc:postgresql://127.0.0.1:5432/" + database.name(), "postgres", "");
	}

	@Override
	boolean postgres() {
		return true;
	}

	@AfterEach
	void dropDatabase() {
		database.close();
	}

}
