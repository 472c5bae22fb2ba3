package studio.northwind.deskflow.task;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link TaskTitle}: required (when asked) and 3 to 200 characters after trimming. */
public final class TaskTitleValidator implements ConstraintValidator<TaskTitle, String> {

	static final int MIN = 3;

	static final int MAX = 200;

	private boolean required;

	@Override
	public void initialize(TaskTitle annotation) {
		required = annotation.required();
	}

	@Override
	public boolean isValid(String title, ConstraintValidatorContext context) {
		if (title == null) {
			return !required || fail(context, "title is required");
		}
		int length = title.strip().length();
		if (length == 0) {
			return fail(context, "title is required");
		}
		return length >= MIN && length <= MAX;
	}

	private static boolean fail(ConstraintValidatorContext context, String message) {
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
		return false;
	}

}
