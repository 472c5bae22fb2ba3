package studio.northwind.deskflow.member;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/**
 * The parameters of {@code member.login}. The password is only required: length rules
 * belong to registration, and a login must not tell which passwords could never exist.
 *
 * @param email the member's email, any case
 * @param password the password as typed
 */
public record LoginParams(@NotBlank(message = "email is required") String email,
		@NotEmpty(message = "password is required") String password) {

	/** Hides the password from logs and error reports that print the parameters. */
	@Override
	public String toString() {
		return "LoginParams[email=" + email + "]";
	}

}
