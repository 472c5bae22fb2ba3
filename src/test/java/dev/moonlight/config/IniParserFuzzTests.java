package dev.moonlight.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.moonlight.testing.FuzzExamples;
import dev.moonlight.testing.HostileText;

/**
 * settings.ini is hand-edited: whatever is in it, reading it returns a document or a
 * {@link ConfigException}.
 */
class IniParserFuzzTests {

	private static final List<String> VALID = List.of(TestProject.resource("settings-full.ini"),
			"[server]\nPORT = 8000\n", "[cors]\nALLOWED_ORIGINS[] = \"https://a.example\"\n",
			"[db]\ndatabase_name = 'x' ; comment\npassword = \"p\\\"w\"\n");

	@Test
	void readingAnyTextReturnsADocumentOrAConfigException() {
		FuzzExamples.qt(FuzzExamples.IN_MEMORY)
			.forAll(HostileText.anyTextOrMutationOf(VALID))
			.checkAssert((text) -> HostileText.onlyThrows(ConfigException.class, text, () -> {
				IniDocument document = IniDocument.parse(text);
				document.sections().forEach((name) -> document.section(name));
			}));
	}

}
