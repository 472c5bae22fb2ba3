package studio.northwind.deskflow.member;

import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.MoonlightService;
import dev.moonlight.dispatch.NotFoundException;
import dev.moonlight.dispatch.UnauthorizedException;
import dev.moonlight.dispatch.UnprocessableException;
import dev.moonlight.jobs.Calls;
import dev.moonlight.jobs.JobOptions;
import dev.moonlight.security.Authenticated;
import dev.moonlight.security.JwtTokens;
import dev.moonlight.security.PasswordHasher;
import studio.northwind.deskflow.mail.MailService;
import studio.northwind.deskflow.mail.WelcomeMail;

/**
 * The {@code member} service of the tutorial's step 9: {@code register}, {@code login} (a
 * bearer token) and {@code profile}. Everything but registering and logging in needs a
 * login, as Pionia's {@code #[Authenticated(except: ['login'])]}. Answers carry
 * {@link Member}s, which have no password hash.
 */
@MoonlightService("member")
@Authenticated(except = { "login", "register" })
public class MemberService {

	/**
	 * One answer for an unknown email and a wrong password, so a login never tells which
	 * emails exist.
	 */
	static final String INVALID_CREDENTIALS = "Invalid credentials";

	private final MemberRepository members;

	private final PasswordHasher hasher;

	private final JwtTokens tokens;

	MemberService(MemberRepository members, PasswordHasher hasher, JwtTokens tokens) {
		this.members = members;
		this.hasher = hasher;
		this.tokens = tokens;
	}

	/**
	 * Stores a member with a BCrypt hash of the password and no permissions, queues their
	 * welcome mail ({@code mail.send_welcome}, run as the mailer) and answers the member.
	 */
	@Action
	public Envelope register(RegisterParams params, Calls calls) {
		String email = Member.normalizeEmail(params.email());
		long id;
		try {
			id = members.insert(params.name().strip(), email, hasher.hash(params.password()));
		}
		catch (DuplicateKeyException ex) {
			// Another registration took the email between validation and insert.
			throw UnprocessableException.of("email", "email is already registered");
		}
		Member member = load(id);
		calls.queue("mail", "send_welcome", new WelcomeMail(member.name(), member.email()),
				JobOptions.defaults().as(MailService.SENDER));
		return Envelope.ok("Member registered", Map.of("member", member));
	}

	/**
	 * {@code {"token": "..."}} with claims {@code sub} (the id), {@code email},
	 * {@code name} and {@code permissions}, or 401 {@value #INVALID_CREDENTIALS}. An
	 * unknown email still costs one BCrypt check, so both failures take about as long.
	 */
	@Action
	public Envelope login(LoginParams params) {
		Optional<MemberRepository.Credentials> found = members.findCredentials(Member.normalizeEmail(params.email()));
		String storedHash = found.map(MemberRepository.Credentials::passwordHash).orElse(null);
		if (!hasher.matches(params.password(), storedHash)) {
			throw new UnauthorizedException(INVALID_CREDENTIALS);
		}
		Member member = found.get().member();
		if (hasher.needsRehash(storedHash)) {
			members.updateHash(member.id(), hasher.hash(params.password()));
		}
		String token = tokens.issue(Long.toString(member.id()),
				Map.of("email", member.email(), "name", member.name(), "permissions", member.permissions()));
		return Envelope.ok("Logged in", Map.of("token", token));
	}

	/** {@code {"member": {...}}}: the caller's own row. */
	@Action(message = "OK")
	public Map<String, Member> profile(Caller caller) {
		return Map.of("member", load(memberId(caller)));
	}

	private Member load(long id) {
		return members.findById(id).orElseThrow(() -> notFound(id));
	}

	/**
	 * The token's subject; a token for an id that is not a member's number names no
	 * member.
	 */
	private static long memberId(Caller caller) {
		try {
			return Long.parseLong(caller.id());
		}
		catch (NumberFormatException ex) {
			throw new NotFoundException("Member with id " + caller.id() + " not found");
		}
	}

	private static NotFoundException notFound(long id) {
		return new NotFoundException("Member with id " + id + " not found");
	}

}
