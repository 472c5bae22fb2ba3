package studio.northwind.deskflow.member;

import java.nio.charset.StandardCharsets;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link NewPassword}, with one message for each way a password fails. */
public final class NewPasswordValidator implements ConstraintValidator<NewPassword, String> {

	static final int MIN_CHARACTERS = 8;

	static final int MAX_BYTES = 72;

	@Override
	public boolean isValid(String password, ConstraintValidatorContext context) {
		if (password == null || password.isEmpty()) {
			return fail(context, "password is required");
		}
		if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
			return false;
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return fail(context, "password must not exceed 72 bytes");
		}
		return true;
	}

	private static boolean fail(ConstraintValidatorContext context, String message) {
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
		return false;
	}

}
