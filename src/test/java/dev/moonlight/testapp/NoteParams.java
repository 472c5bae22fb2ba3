package dev.moonlight.testapp;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Parameters with several constraints, to see every failing field listed. */
record NoteParams(
		@NotBlank(message = "title is required") @Size(min = 3, max = 20,
				message = "title must be between 3 and 20 characters") String title,
		@Min(value = 1, message = "priority must be at least 1") @Max(value = 5,
				message = "priority must be at most 5") Integer priority,
		LocalDate dueDate, @NotBlank String authorName) {
}
