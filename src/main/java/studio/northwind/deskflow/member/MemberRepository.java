package studio.northwind.deskflow.member;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code members} table through {@link JdbcClient}; the only place that reads
 * {@code password_hash}.
 */
@Repository
class MemberRepository {

	private static final String SELECT = "SELECT id, name, email, permissions, created_at FROM members";

	private final JdbcClient jdbc;

	MemberRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Member> findById(long id) {
		return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(MemberRepository::member).optional();
	}

	/** The member with this (normalised) email and the stored hash, for a login. */
	Optional<Credentials> findCredentials(String email) {
		return jdbc
			.sql("SELECT id, name, email, permissions, created_at, password_hash FROM members"
					+ " WHERE email = :email")
			.param("email", email)
			.query((rs, row) -> new Credentials(member(rs, row), rs.getString("password_hash")))
			.optional();
	}

	boolean emailTaken(String email) {
		return jdbc.sql("SELECT COUNT(*) FROM members WHERE email = :email")
			.param("email", email)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Stores a new member without permissions.
	 * @return the generated id
	 * @throws org.springframework.dao.DuplicateKeyException when the email was taken
	 * meanwhile
	 */
	long insert(String name, String email, String passwordHash) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("INSERT INTO members (name, email, password_hash) VALUES (:name, :email, :hash)")
			.param("name", name)
			.param("email", email)
			.param("hash", passwordHash)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	void updateHash(long id, String passwordHash) {
		jdbc.sql("UPDATE members SET password_hash = :hash WHERE id = :id")
			.param("hash", passwordHash)
			.param("id", id)
			.update();
	}

	private static Member member(ResultSet rs, int row) throws SQLException {
		OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
		return new Member(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
				Member.permissions(rs.getString("permissions")), (created != null) ? created.toInstant() : null);
	}

	/**
	 * A member with the stored password hash ({@code null} when none is set).
	 * Package-private and never returned by an action, so the hash cannot reach an
	 * envelope; {@link #toString} leaves it out of logs too.
	 */
	record Credentials(Member member, String passwordHash) {

		@Override
		public String toString() {
			return "Credentials[member=" + member.id() + "]";
		}

	}

}
