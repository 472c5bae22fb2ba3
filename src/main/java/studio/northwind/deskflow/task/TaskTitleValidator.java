package studio.northwind.deskflow.task;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link TaskTitle}: required (when asked) and its length limits after trimming.
 */
public final class TaskTitleValidator implements ConstraintValidator<TaskTitle, String> {

	private boolean required;

	private int min;

	private int max;

	@Override
	public void initialize(TaskTitle annotation) {
		required = annotation.required();
		min = annotation.min();
		max = annotation.max();
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
		return length >= min && length <= max;
	}

	private static boolean fail(ConstraintValidatorContext context, String message) {
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
		return false;
	}

}
