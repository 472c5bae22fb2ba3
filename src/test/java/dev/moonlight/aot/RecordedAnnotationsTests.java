package dev.moonlight.aot;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The annotations a build writes for a condition's source read back as the class file
 * gives them: every kind of attribute value, empty arrays, separators inside values.
 */
class RecordedAnnotationsTests {

	private final SourceMetadata classFiles = new SourceMetadata(new DefaultResourceLoader());

	@Test
	void everyWritableAttributeReadsBackAsTheClassFileGivesIt() {
		String source = Sources.class.getName() + "#everyKind";
		AnnotatedTypeMetadata fromClassFile = this.classFiles.of(source);
		String text = RecordedAnnotations.write(fromClassFile).orElseThrow();
		AnnotatedTypeMetadata recorded = RecordedAnnotations.read(text, source, getClass().getClassLoader());
		for (Class<?> type : new Class<?>[] { Kinds.class, Bean.class, ConditionalOnProperty.class }) {
			Map<String, Object> expected = fromClassFile.getAnnotationAttributes(type.getName(), false);
			assertThat(recorded.getAnnotationAttributes(type.getName(), false)).as(type.getName())
				.isNotNull()
				.containsExactlyInAnyOrderEntriesOf(expected);
		}
		assertThat(recorded.getAnnotations().stream(Kinds.class).toList()).hasSize(1);
	}

	@Test
	void aConditionReadsTheRecordedAttributes() {
		String source = Sources.class.getName() + "#everyKind";
		AnnotatedTypeMetadata recorded = RecordedAnnotations.read(
				RecordedAnnotations.write(this.classFiles.of(source)).orElseThrow(), source,
				getClass().getClassLoader());
		assertThat(recorded.getAnnotations().get(ConditionalOnProperty.class).getStringArray("name"))
			.containsExactly("moonlight.some,thing", "a&b=c d");
		assertThat(recorded.getAnnotations().get(ConditionalOnProperty.class).getBoolean("matchIfMissing")).isTrue();
		assertThat(recorded.isAnnotated(Retention.class.getName())).isFalse();
		assertThat(recorded.getAnnotations().isPresent(Kinds.class)).isTrue();
		assertThat(recorded.getAnnotations().get(Kinds.class).getClass("type")).isEqualTo(Map.Entry.class);
		assertThat(recorded.getAnnotations().get(Kinds.class).getClassArray("types")).containsExactly(String.class,
				int[].class);
	}

	@Test
	void aSourceWithANestedAnnotationIsLeftToItsClassFile() {
		assertThat(RecordedAnnotations.write(this.classFiles.of(Sources.class.getName() + "#nested"))).isEmpty();
	}

	@Test
	void anAnnotationMissingAtBootFailsWhenAConditionAsks() {
		AnnotatedTypeMetadata recorded = RecordedAnnotations.read("com.example.Gone?value=x", "com.example.Config",
				getClass().getClassLoader());
		assertThatIllegalStateException().isThrownBy(recorded::getAnnotations)
			.withMessageContaining("com.example.Config");
	}

	@Retention(RetentionPolicy.RUNTIME)
	@interface Kinds {

		String text();

		String[] texts();

		String[] none();

		String[] oneEmpty();

		boolean flag();

		int number();

		long big();

		char letter();

		double fraction();

		RetentionPolicy policy();

		RetentionPolicy[] policies();

		Class<?> type();

		Class<?>[] types();

	}

	@Retention(RetentionPolicy.RUNTIME)
	@interface Outer {

		Kinds[] value();

	}

	static class Sources {

		@Bean
		@ConditionalOnProperty(name = { "moonlight.some,thing", "a&b=c d" }, havingValue = "100%",
				matchIfMissing = true)
		@Kinds(text = "tab\there, ünïcode and + signs", texts = { "x y", "", "?&=%," }, none = {}, oneEmpty = "",
				flag = true, number = -7, big = Long.MAX_VALUE, letter = ' ', fraction = 0.1,
				policy = RetentionPolicy.CLASS, policies = { RetentionPolicy.SOURCE, RetentionPolicy.RUNTIME },
				type = Map.Entry.class, types = { String.class, int[].class })
		Object everyKind() {
			return null;
		}

		@Outer({})
		Object nested() {
			return null;
		}

	}

}
