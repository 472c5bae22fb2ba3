package dev.moonlight.config;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IniDocumentTests {

	private final IniDocument full = IniDocument.parse(TestProject.resource("settings-full.ini"));

	@Test
	void keepsSectionsAndKeysInFileOrder() {
		assertThat(this.full.sections()).as("sections in file order, global keys first")
			.containsExactly(IniDocument.GLOBAL, "server", "app_switches", "cors", "flags");
		assertThat(this.full.section("server").keySet()).as("keys in file order")
			.containsExactly("PORT", "HOST", "NOT_FOUND_CODE");
		assertThat(this.full.get(IniDocument.GLOBAL, "global_key")).get()
			.extracting(ConfigValue::value)
			.isEqualTo("top");
	}

	@Test
	void stripsQuotesAndKeepsSemicolonsInsideThem() {
		assertThat(this.full.get("server", "HOST")).get().extracting(ConfigValue::value).isEqualTo("0.0.0.0");
		assertThat(this.full.get("app_switches", "v2")).get()
			.extracting(ConfigValue::value)
			.as("single quotes are stripped")
			.isEqualTo("studio.northwind.deskflow.system.V2Switch");
		assertThat(this.full.get("cors", "MESSAGE")).get()
			.extracting(ConfigValue::value)
			.as("a ; inside quotes is text, the one after them a comment")
			.isEqualTo("Back soon; we are upgrading");
		assertThat(this.full.get("cors", "QUOTE")).get().extracting(ConfigValue::value).isEqualTo("say \"hi\"");
		assertThat(this.full.get("cors", "PATH")).get()
			.extracting(ConfigValue::value)
			.as("backslashes other than before a quote stay")
			.isEqualTo("C:\\deskflow\\storage");
	}

	@Test
	void cutsInlineCommentAfterUnquotedValue() {
		assertThat(this.full.get("server", "NOT_FOUND_CODE")).get().extracting(ConfigValue::value).isEqualTo("404");
	}

	@Test
	void turnsPhpBooleanWordsIntoOneOrEmptyAsPhpDoes() {
		assertThat(values("a", "b", "c")).as("true/On/yes become \"1\"").containsOnly("1");
		assertThat(values("d", "e", "f", "g")).as("false/off/no/none become \"\"").containsOnly("");
		assertThat(values("h")).as("quoted words stay text").containsExactly("true");
	}

	@Test
	void boolAccessorUnderstandsEverySpelling() {
		assertThat(this.full.bool("flags", "a")).contains(true);
		assertThat(this.full.bool("flags", "h")).as("quoted \"true\"").contains(true);
		assertThat(this.full.bool("flags", "e")).contains(false);
		assertThat(this.full.bool("flags", "i")).as("0").contains(false);
		assertThat(this.full.bool("flags", "j")).as("empty value").contains(false);
		assertThat(this.full.bool("flags", "missing")).isEmpty();
		assertThat(this.full.bool("flags", "missing", true)).isTrue();
	}

	@Test
	void boolAccessorRejectsOtherWordsNamingTheLine() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> this.full.bool("server", "HOST"))
			.withMessage("environment/settings.ini:7: [server] HOST = \"0.0.0.0\": "
					+ "Expected a boolean: true/false, on/off, yes/no or 1/0.");
	}

	@Test
	void collectsArrayKeysInOrder() {
		assertThat(this.full.array("cors", "ALLOWED_ORIGINS")).extracting(ConfigValue::value)
			.containsExactly("https://northwind.studio", "http://localhost:5173");
		assertThat(this.full.array("cors", "ALLOWED_ORIGINS").get(1).origin())
			.isEqualTo(new Origin(IniDocument.FILE, 16, "[cors] ALLOWED_ORIGINS[]"));
		assertThat(this.full.get("cors", "ALLOWED_ORIGINS")).as("arrays are not scalars").isEmpty();
	}

	@Test
	void remembersTheLineOfEveryValue() {
		assertThat(this.full.get("server", "PORT")).get()
			.extracting(ConfigValue::origin)
			.isEqualTo(new Origin(IniDocument.FILE, 6, "[server] PORT"));
		assertThat(this.full.get("app_switches", "v1").get().origin().line()).isEqualTo(11);
	}

	@Test
	void looksUpKeysIgnoringCaseWhenAsked() {
		IniDocument ini = IniDocument.parse("[server]\nport = 9000\n");
		assertThat(ini.get("server", "PORT")).as("keys are case-sensitive as in PHP").isEmpty();
		assertThat(ini.getIgnoreCase("server", "PORT")).get().extracting(ConfigValue::value).isEqualTo("9000");
		assertThat(ini.getString("server", "HOST", "127.0.0.1")).isEqualTo("127.0.0.1");
	}

	@Test
	void lastDuplicateKeyWinsAndRepeatedSectionsMerge() {
		IniDocument ini = IniDocument.parse("[a]\nx = 1\n[b]\ny = 2\n[a]\nx = 3\nz = 4\n");
		assertThat(ini.sections()).containsExactly("a", "b");
		assertThat(ini.section("a").keySet()).containsExactly("x", "z");
		assertThat(ini.get("a", "x")).get().extracting(ConfigValue::value).isEqualTo("3");
	}

	@Test
	void emptySectionIsStillASection() {
		assertThat(IniDocument.parse("[jobs]\n").hasSection("jobs")).isTrue();
	}

	@Test
	void malformedLineNamesFileLineAndText() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> IniDocument.parse(TestProject.resource("settings-bad-line.ini")))
			.withMessage("environment/settings.ini:4: \"this is not valid\": "
					+ "Expected key = value, a [section] header or a ; comment.")
			.satisfies((ex) -> assertThat(ex.origin()).isEqualTo(new Origin(IniDocument.FILE, 4, null)));
	}

	@Test
	void unclosedQuoteNamesLineAndKey() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> IniDocument.parse(TestProject.resource("settings-unclosed-quote.ini")))
			.withMessage("environment/settings.ini:3: [maintenance] MESSAGE = \"\"We are upgrading\": "
					+ "Unclosed double quote; close it on the same line.");
	}

	@Test
	void unclosedSectionHeaderNamesLine() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> IniDocument.parse(TestProject.resource("settings-unclosed-section.ini")))
			.withMessageStartingWith("environment/settings.ini:3: \"[jwt\": Unclosed section header");
	}

	@Test
	void rejectsTextAfterClosingQuote() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> IniDocument.parse("a = \"x\" y\n"))
			.withMessageContaining("environment/settings.ini:1: a =")
			.withMessageEndingWith("Unexpected text after the closing quote.");
	}

	@Test
	void rejectsKeyWithSpaces() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> IniDocument.parse("\n\nPORT 8000 = x\n"))
			.withMessageStartingWith("environment/settings.ini:3: \"PORT 8000 = x\": Invalid key");
	}

	@Test
	void readsWindowsLineEndingsAndByteOrderMark() {
		IniDocument ini = IniDocument.parse("\uFEFF[server]\r\nPORT = 1\r\n");
		assertThat(ini.get("server", "PORT")).get()
			.extracting(ConfigValue::origin)
			.isEqualTo(new Origin(IniDocument.FILE, 2, "[server] PORT"));
	}

	private List<String> values(String... keys) {
		return Arrays.stream(keys).map((key) -> this.full.get("flags", key).orElseThrow().value()).toList();
	}

}
