package dev.moonlight.generic;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.ForbiddenException;
import dev.moonlight.dispatch.NotFoundException;
import dev.moonlight.dispatch.UnprocessableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

import static dev.moonlight.generic.H2.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The generic CRUD actions against a real H2 database in PostgreSQL mode. */
class GenericServiceTests {

	private JdbcClient jdbc;

	private BookService books;

	@BeforeEach
	void createTable() {
		jdbc = JdbcClient.create(H2.database());
		jdbc.sql(BookService.SCHEMA).update();
		jdbc.sql("""
				INSERT INTO books (title, author, pages, published) VALUES
				  ('Dune', 'Herbert', 412, DATE '1965-08-01'),
				  ('Emma', 'Austen', 474, NULL),
				  ('Persuasion', 'Austen', 249, NULL)""").update();
		books = new BookService(jdbc);
	}

	@AfterEach
	void dropDatabase() {
		jdbc.sql("SHUTDOWN").update();
	}

	@Test
	void listWithoutPaginationIsAPlainArrayOfTheListedColumns() {
		List<Map<String, Object>> rows = rows(books.list(params("{}")));
		assertThat(rows).extracting((row) -> row.get("title")).containsExactly("Dune", "Emma", "Persuasion");
		assertThat(rows.get(0)).as("columns in declared order, secret left out")
			.containsOnlyKeys("id", "title", "author", "pages", "published", "created_at");
		assertThat(rows.get(0)).containsEntry("id", 1L)
			.containsEntry("pages", 412)
			.containsEntry("published", "1965-08-01");
		assertThat((String) rows.get(0).get("created_at")).as("timestamps are ISO-8601 instants")
			.matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
	}

	@Test
	void listWithoutPaginationIsCappedAtMaxListRows() {
		for (int i = 0; i < 30; i++) {
			jdbc.sql("INSERT INTO books (title) VALUES (:title)").param("title", "Book " + i).update();
		}
		assertThat(rows(books.list(params("{}")))).as("33 rows capped at maxListRows").hasSize(25);
	}

	@Test
	void listWithLimitAnswersThePioniaPaginationShape() {
		Map<String, Object> page = map(books.list(params("{\"limit\": 2}")));
		assertThat(page).containsOnlyKeys("results", "current_limit", "current_offset", "next_offset", "prev_offset",
				"results_count", "has_next", "has_previous", "total_count");
		assertThat(page).containsEntry("current_limit", 2)
			.containsEntry("current_offset", 0L)
			.containsEntry("next_offset", 2L)
			.containsEntry("prev_offset", 0L)
			.containsEntry("results_count", 2)
			.containsEntry("has_next", true)
			.containsEntry("has_previous", false)
			.containsEntry("total_count", 3L);
	}

	@Test
	void lastPageHasNoNextOffset() {
		Map<String, Object> page = map(books.list(params("{\"pagination\": {\"LIMIT\": 2, \"OFFSET\": \"2\"}}")));
		assertThat(rows(page.get("results"))).extracting((row) -> row.get("title")).containsExactly("Persuasion");
		assertThat(page).containsEntry("next_offset", null)
			.containsEntry("has_next", false)
			.containsEntry("has_previous", true)
			.containsEntry("prev_offset", 0L);
	}

	@Test
	void offsetAloneUsesTheDefaultPageSize() {
		Map<String, Object> page = map(books.list(params("{\"search\": {\"offset\": 1}}")));
		assertThat(page).containsEntry("current_limit", 5).containsEntry("results_count", 2);
	}

	@Test
	void badLimitAndOffsetAreBothReported() {
		UnprocessableException ex = catchThrowableOfType(UnprocessableException.class,
				() -> books.list(params("{\"limit\": \"ten\", \"offset\": -1}")));
		assertThat(ex.errors().asMap()).containsEntry("limit", List.of("limit must be an integer"))
			.containsEntry("offset", List.of("offset must be at least 0"));
		assertThat(ex.getMessage()).isEqualTo("limit must be an integer");
	}

	@Test
	void limitAboveMaxListRowsIsRejected() {
		assertThatExceptionOfType(UnprocessableException.class).isThrownBy(() -> books.list(params("{\"limit\": 26}")))
			.withMessage("limit must not exceed 25");
	}

	@Test
	void listFiltersOnDeclaredColumnsAndIgnoresOthers() {
		List<Map<String, Object>> rows = rows(books.list(params("{\"author\": \"Austen\", \"title\": \"Dune\"}")));
		assertThat(rows).as("title is not a filter column")
			.extracting((row) -> row.get("title"))
			.containsExactly("Emma", "Persuasion");
		assertThat(rows(books.list(params("{\"pages\": \"249\"}")))).as("text coerced to the column's integer type")
			.extracting((row) -> row.get("title"))
			.containsExactly("Persuasion");
		assertThat(rows(books.list(params("{\"author\": null}")))).as("null filters IS NULL").isEmpty();
	}

	@Test
	void listSortsByDeclaredColumnsAscendingOrDescending() {
		assertThat(rows(books.list(params("{\"sort\": \"-pages\"}")))).extracting((row) -> row.get("title"))
			.containsExactly("Emma", "Dune", "Persuasion");
		assertThat(rows(books.list(params("{\"sort\": \"title, -id\"}")))).extracting((row) -> row.get("title"))
			.containsExactly("Dune", "Emma", "Persuasion");
	}

	@Test
	void listRejectsAnUndeclaredSortColumn() {
		assertThatExceptionOfType(UnprocessableException.class)
			.isThrownBy(() -> books.list(params("{\"sort\": \"secret\"}")))
			.satisfies((ex) -> assertThat(ex.errors().asMap()).containsOnlyKeys("sort"))
			.withMessageStartingWith("sort must be one of: id, title, pages, created_at");
	}

	@Test
	void randomAnswersOneRowAsAnObjectAndEveryRowComesUp() {
		Set<Object> seen = new HashSet<>();
		// Each of 3 rows is missed by 60 draws with probability (2/3)^60, about 3e-11.
		for (int i = 0; i < 60 && seen.size() < 3; i++) {
			seen.add(map(books.random(params("{}"))).get("title"));
		}
		assertThat(seen).containsExactlyInAnyOrder("Dune", "Emma", "Persuasion");
		assertThat(map(books.random(params("{\"size\": 1}")))).as("listed columns only").doesNotContainKey("secret");
	}

	@Test
	void randomTakesSizeOrLimitAndTheListFilters() {
		assertThat(rows(books.random(params("{\"size\": 2}")))).hasSize(2)
			.extracting((row) -> row.get("id"))
			.doesNotHaveDuplicates();
		assertThat(rows(books.random(params("{\"limit\": 9, \"author\": \"Austen\"}"))))
			.extracting((row) -> row.get("title"))
			.containsExactlyInAnyOrder("Emma", "Persuasion");
		assertThat(books.random(params("{\"author\": \"Nobody\"}"))).as("no row matches").isNull();
	}

	@Test
	void randomRejectsASizeOutsideOneToMaxListRows() {
		assertThatExceptionOfType(UnprocessableException.class).isThrownBy(() -> books.random(params("{\"size\": 0}")))
			.satisfies((ex) -> assertThat(ex.errors().asMap()).containsOnlyKeys("size"))
			.withMessageStartingWith("size must be between 1 and 25");
		assertThatExceptionOfType(UnprocessableException.class)
			.isThrownBy(() -> books.random(params("{\"limit\": \"many\"}")))
			.satisfies((ex) -> assertThat(ex.errors().asMap()).containsOnlyKeys("limit"));
	}

	@Test
	void retrieveAndDetailsAnswerTheRow() {
		assertThat(books.retrieve(params("{\"id\": 2}"))).containsEntry("title", "Emma");
		assertThat(books.retrieve(params("{\"id\": \"3\"}"))).as("a string key is coerced")
			.containsEntry("title", "Persuasion");
	}

	@Test
	void retrieveAndUpdateCarryPioniasAliases() throws NoSuchMethodException {
		assertThat(GenericService.class.getMethod("retrieve", ObjectNode.class).getAnnotation(Action.class).aliases())
			.containsExactly("details");
		assertThat(GenericService.class.getMethod("update", ObjectNode.class, Caller.class)
			.getAnnotation(Action.class)
			.aliases()).containsExactly("edit");
	}

	@Test
	void randomIsAnActionOnlyWhereASubclassDeclaresIt() throws NoSuchMethodException {
		assertThat(GenericService.class.getMethod("random", ObjectNode.class).isAnnotationPresent(Action.class))
			.as("a service that narrows list must not serve its rows through an action it never declared")
			.isFalse();
	}

	@Test
	void retrieveOfAMissingRowIs404NamingTheId() {
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> books.retrieve(params("{\"id\": 99}")))
			.withMessage("Book with id 99 not found");
	}

	@Test
	void retrieveWithoutOrWithABadKeyIs422() {
		assertThatExceptionOfType(UnprocessableException.class).isThrownBy(() -> books.retrieve(params("{}")))
			.withMessage("id is required");
		assertThatExceptionOfType(UnprocessableException.class)
			.isThrownBy(() -> books.retrieve(params("{\"id\": \"abc\"}")))
			.withMessage("id must be an integer");
	}

	@Test
	void createTakesOnlyDeclaredColumnsAndAnswersTheStoredRow() {
		Map<String, Object> created = books.create(params(
				"{\"title\": \"Ulysses\", \"pages\": \"730\", \"published\": \"1922-02-02\", \"secret\": \"x\", \"id\": 50}"),
				Caller.ANONYMOUS);
		assertThat(created).containsEntry("id", 4L)
			.containsEntry("title", "Ulysses")
			.containsEntry("pages", 730)
			.containsEntry("published", "1922-02-02")
			.containsEntry("author", "Anonymous");
		assertThat(jdbc.sql("SELECT secret FROM books WHERE id = 4").query(String.class).single())
			.as("an undeclared column keeps its default")
			.isEqualTo("hidden");
		assertThat(books.events).containsExactly("beforeCreate", "afterCreate 4");
	}

	@Test
	void createListsEveryFailingFieldAtOnce() {
		UnprocessableException ex = catchThrowableOfType(UnprocessableException.class, () -> books
			.create(params("{\"title\": \"  \", \"pages\": 0, \"published\": \"soon\"}"), Caller.ANONYMOUS));
		assertThat(ex.errors().asMap()).containsOnlyKeys("title", "pages", "published");
		assertThat(ex.errors().asMap().get("title")).containsExactly("title is required");
		assertThat(ex.getMessage()).isEqualTo("title is required");
		assertThat(books.events).as("no hook runs for an invalid row").isEmpty();
	}

	@Test
	void updateChangesOnlyDeclaredColumnsAndSaysSo() {
		Envelope envelope = books.update(params("{\"id\": 1, \"pages\": 500, \"published\": \"2000-01-01\"}"),
				Caller.ANONYMOUS);
		assertThat(envelope.returnMessage()).isEqualTo("Book updated successfully");
		assertThat(map(envelope.returnData())).containsEntry("pages", 500).containsEntry("published", "1965-08-01");
		assertThat(books.events).containsExactly("beforeUpdate Dune");
	}

	@Test
	void updateOfAMissingRowIs404() {
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> books.update(params("{\"id\": 7, \"title\": \"X\"}"), Caller.ANONYMOUS))
			.withMessage("Book with id 7 not found");
	}

	@Test
	void deleteAnswersTheDeletedRowAndSaysSo() {
		Envelope envelope = books.delete(params("{\"id\": 2}"), Caller.ANONYMOUS);
		assertThat(envelope.returnMessage()).isEqualTo("Book deleted successfully");
		assertThat(map(envelope.returnData())).containsEntry("title", "Emma");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM books").query(Long.class).single()).isEqualTo(2L);
		assertThat(books.events).containsExactly("beforeDelete 2", "afterDelete 2");
	}

	@Test
	void beforeDeleteMayAbortTheDelete() {
		jdbc.sql("UPDATE books SET title = 'Keep me' WHERE id = 3").update();
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> books.delete(params("{\"id\": 3}"), Caller.ANONYMOUS));
		assertThat(books.retrieve(params("{\"id\": 3}"))).containsEntry("title", "Keep me");
	}

	@Test
	void deleteOfAMissingRowIs404() {
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> books.delete(params("{\"id\": 42}"), Caller.ANONYMOUS))
			.withMessage("Book with id 42 not found");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rows(Object data) {
		return (List<Map<String, Object>>) data;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object data) {
		return (Map<String, Object>) data;
	}

}
