package dev.moonlight.generic;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TableSpecTests {

	@Test
	void theSingularIsDerivedFromTheTableName() {
		assertThat(TableSpec.Builder.singularOf("projects")).isEqualTo("Project");
		assertThat(TableSpec.Builder.singularOf("categories")).isEqualTo("Category");
		assertThat(TableSpec.Builder.singularOf("team_members")).isEqualTo("Team member");
		assertThat(TableSpec.Builder.singularOf("app.boxes")).isEqualTo("Box");
		assertThat(TableSpec.builder("news").singular("News item").build().singular()).isEqualTo("News item");
	}

	@Test
	void aQuestionMarkMarksAnOptionalCreateColumn() {
		TableSpec spec = TableSpec.builder("members").create("email", "bio?").build();
		assertThat(spec.createColumns()).containsExactly(new TableSpec.Field("email", true),
				new TableSpec.Field("bio", false));
	}

	@Test
	void theKeyDefaultsToALongIdAndMayBeReplaced() {
		assertThat(TableSpec.builder("t").build().typeOf("id")).isEqualTo(Long.class);
		TableSpec spec = TableSpec.builder("countries").key("code", String.class).build();
		assertThat(spec.keyColumn()).isEqualTo("code");
		assertThat(spec.types()).containsOnlyKeys("code");
		assertThat(spec.typeOf("name")).as("undeclared columns are text").isEqualTo(String.class);
	}

	@Test
	void namesThatAreNotPlainIdentifiersAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> TableSpec.builder("t; DROP TABLE x").build())
			.withMessageContaining("Invalid table name");
		assertThatIllegalArgumentException().isThrownBy(() -> TableSpec.builder("t").sortable("name DESC").build())
			.withMessageContaining("Invalid column name 'name DESC'");
		assertThatIllegalArgumentException().isThrownBy(() -> TableSpec.builder("t").type("n", List.class).build())
			.withMessageContaining("unsupported type");
	}

	@Test
	void pageSizesMustBeConsistent() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TableSpec.builder("t").defaultLimit(50).maxListRows(20).build())
			.withMessageContaining("defaultLimit (50) <= maxListRows (20)");
	}

}
