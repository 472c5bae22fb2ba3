package studio.northwind.deskflow.member;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The parameters of {@code member.register}; every failing field is reported at once, a
 * taken email included.
 *
 * @param name required, at most 120 characters
 * @param email required, a valid address that no member uses yet (compared lowercase)
 * @param password required, at least 8 characters and at most BCrypt's 72 bytes
 */
public record RegisterParams(
		@NotBlank(message = "name is required") @Size(max = 120,
				message = "name must not exceed 120 characters") String name,
		@NotBlank(message = "email is required") @Email(message = "email must be a valid email address") @Size(
				max = 254, message = "email must not exceed 254 characters") @UnusedEmail String email,
		@NewPassword String password) {

	/** Hides the password from logs and error reports that print the parameters. */
	@Override
	public String toString() {
		return "RegisterParams[name=" + name + ", email=" + email + "]";
	}

}
