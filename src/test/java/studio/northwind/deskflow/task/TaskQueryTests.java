package studio.northwind.deskflow.task;

import dev.moonlight.dispatch.UnprocessableException;
import dev.moonlight.generic.PageRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TaskQueryTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void readsFiltersSortAndPage() {
		TaskQuery query = query("{\"status\": \"open\", \"assignee\": \"alex@northwind.studio\", \"project_id\": \"2\","
				+ " \"sort\": \"-due_date\", \"pagination\": {\"limit\": 5}}");
		assertThat(query.status()).isEqualTo("open");
		assertThat(query.projectId()).isEqualTo(2L);
		assertThat(query.sort().toSql()).isEqualTo("due_date DESC, id ASC");
		assertThat(query.page()).isEqualTo(new PageRequest(5, 0));
	}

	@Test
	void withoutParametersListsEverythingById() {
		TaskQuery query = query("{}");
		assertThat(query.status()).isNull();
		assertThat(query.page()).isNull();
		assertThat(query.sort().toSql()).isEqualTo("id ASC");
	}

	@Test
	void reportsEveryBadParameter() {
		UnprocessableException ex = catchThrowableOfType(UnprocessableException.class,
				() -> query("{\"status\": \"later\", \"project_id\": \"one\", \"sort\": \"assignee\", \"limit\": -1}"));
		assertThat(ex.errors().asMap()).containsOnlyKeys("status", "project_id", "sort", "limit");
		assertThat(ex.getMessage()).isEqualTo("status must be one of: open, in_progress, done, archived");
	}

	private static TaskQuery query(String json) {
		return TaskQuery.from(JSON.readTree(json));
	}

}
