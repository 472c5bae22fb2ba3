package dev.moonlight.testapp;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Parameters with one of each kind of constraint the catalog reports. */
record ReportParams(@NotBlank @Size(max = 80) String title, @NotNull Kind kind,
		@Size(max = 5) List<@NotBlank String> tags, @Email String recipient,
		@DecimalMin("0.5") @DecimalMax(value = "10", inclusive = false) BigDecimal weight, @Positive Integer copies,
		@RegionCode String region, @Valid Period period) {

	enum Kind {

		DAILY, WEEKLY

	}

	record Period(@NotNull LocalDate from, LocalDate to) {
	}

}
