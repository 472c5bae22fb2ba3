package studio.northwind.deskflow.member;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A member as clients see it: never with a password hash, which only
 * {@link MemberRepository.Credentials} carries. Serialised with snake_case keys.
 *
 * @param id the key
 * @param name the display name
 * @param email the login, stored lowercase
 * @param permissions what the member may do beyond the public actions, such as
 * {@code task.manage}
 * @param createdAt when the member was stored
 */
public record Member(long id, String name, String email, List<String> permissions, Instant createdAt) {

	public Member {
		permissions = List.copyOf(permissions);
	}

	/**
	 * Emails are stored and looked up lowercase, so {@code Alex@Northwind.studio} is
	 * Alex.
	 */
	static String normalizeEmail(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	/** The {@code members.permissions} column: comma-separated names, blanks ignored. */
	static List<String> permissions(String column) {
		if (column == null || column.isBlank()) {
			return List.of();
		}
		return Arrays.stream(column.split(",")).map(String::strip).filter((name) -> !name.isEmpty()).toList();
	}

}
