package studio.northwind.deskflow.member;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link UnusedEmail} with one indexed lookup. Spring's validator factory creates
 * it with the repository injected; a blank email is left to {@code @NotBlank}.
 */
public final class UnusedEmailValidator implements ConstraintValidator<UnusedEmail, String> {

	private final MemberRepository members;

	public UnusedEmailValidator(MemberRepository members) {
		this.members = members;
	}

	@Override
	public boolean isValid(String email, ConstraintValidatorContext context) {
		return email == null || email.isBlank() || !members.emailTaken(Member.normalizeEmail(email));
	}

}
