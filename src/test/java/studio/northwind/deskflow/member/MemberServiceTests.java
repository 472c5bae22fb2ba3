package studio.northwind.deskflow.member;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.UnauthorizedException;
import dev.moonlight.security.JwtTokens;
import studio.northwind.deskflow.DeskFlowDataTest;
import studio.northwind.deskflow.FakeCalls;
import studio.northwind.deskflow.mail.WelcomeMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The member actions on the seeded database (their wire behaviour is in the DeskFlow API
 * contract).
 */
@DeskFlowDataTest
class MemberServiceTests {

	@Autowired
	private MemberService service;

	@Autowired
	private JwtTokens tokens;

	@Autowired
	private Validator validator;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void registerStoresABcryptHashAndAnswersTheMemberWithoutIt() {
		FakeCalls calls = new FakeCalls();
		Envelope envelope = service.register(new RegisterParams(" Riley ", "Riley@Northwind.Studio", "long enough"),
				calls);
		assertThat(calls.queued()).as("the welcome mail")
			.singleElement()
			.satisfies(
					(job) -> assertThat(job.payload()).isEqualTo(new WelcomeMail("Riley", "riley@northwind.studio")));
		Member member = member(envelope.returnData());
		assertThat(envelope.returnMessage()).isEqualTo("Member registered");
		assertThat(member.name()).isEqualTo("Riley");
		assertThat(member.email()).as("stored lowercase").isEqualTo("riley@northwind.studio");
		assertThat(member.permissions()).isEmpty();
		String hash = jdbc.sql("SELECT password_hash FROM members WHERE id = :id")
			.param("id", member.id())
			.query(String.class)
			.single();
		assertThat(hash).startsWith("$2a$10$").doesNotContain("long enough");
	}

	@Test
	void registerValidationReportsEveryFieldAtOnce() {
		assertThat(violations(new RegisterParams("", "not-an-email", "short"))).containsOnlyKeys("name", "email",
				"password");
		assertThat(violations(new RegisterParams("Alex", "ALEX@northwind.studio", "x".repeat(8))))
			.containsEntry("email", "email is already registered");
		assertThat(violations(new RegisterParams("Alex", "a@b.c", "ü".repeat(40)))).containsEntry("password",
				"password must not exceed 72 bytes");
		assertThat(violations(new RegisterParams("Alex", "a@b.c", null))).containsEntry("password",
				"password is required");
		assertThat(violations(new RegisterParams("Alex", "new@northwind.studio", "12345678"))).isEmpty();
	}

	@Test
	void loginIssuesATokenWithTheMembersClaims() {
		String token = token(service.login(new LoginParams("Alex@northwind.studio", DeskFlowDataTest.SEED_PASSWORD)));
		JWTClaimsSet claims = tokens.verify(token).orElseThrow();
		assertThat(claims.getSubject()).isEqualTo("1");
		assertThat(claims.getClaims()).containsEntry("email", "alex@northwind.studio")
			.containsEntry("name", "Alex Chen")
			.containsEntry("permissions", List.of("task.manage", "project.manage"));
	}

	@Test
	void loginAnswersTheSameForAWrongPasswordAndAnUnknownEmail() {
		assertThatExceptionOfType(UnauthorizedException.class)
			.isThrownBy(() -> service.login(new LoginParams("alex@northwind.studio", "wrong password")))
			.withMessage("Invalid credentials");
		assertThatExceptionOfType(UnauthorizedException.class)
			.isThrownBy(() -> service.login(new LoginParams("nobody@northwind.studio", "secret")))
			.withMessage("Invalid credentials");
	}

	@Test
	void loginNeedsOnlyAPasswordNotItsRegistrationLength() {
		assertThat(violations(new LoginParams("alex@northwind.studio", "secret"))).isEmpty();
		assertThat(violations(new LoginParams("", ""))).containsOnlyKeys("email", "password");
	}

	@Test
	void loginReplacesACheaperHash() {
		String cheap = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode("secret");
		jdbc.sql("UPDATE members SET password_hash = :hash WHERE id = 2").param("hash", cheap).update();
		service.login(new LoginParams("jamie@northwind.studio", "secret"));
		assertThat(jdbc.sql("SELECT password_hash FROM members WHERE id = 2").query(String.class).single())
			.startsWith("$2a$10$");
	}

	@Test
	void profileAnswersTheCallersOwnRow() {
		Caller jamie = new Caller("2", "jamie@northwind.studio", Set.of(), Map.of());
		Member member = member(service.profile(jamie));
		assertThat(member.email()).isEqualTo("jamie@northwind.studio");
		assertThat(member.createdAt()).isNotNull();
	}

	private Map<String, String> violations(Object params) {
		Map<String, String> byField = new java.util.TreeMap<>();
		for (ConstraintViolation<Object> violation : validator.validate(params)) {
			byField.put(violation.getPropertyPath().toString(), violation.getMessage());
		}
		return byField;
	}

	private static Member member(Object data) {
		return (Member) ((Map<?, ?>) data).get("member");
	}

	private static String token(Envelope envelope) {
		return (String) ((Map<?, ?>) envelope.returnData()).get("token");
	}

}
