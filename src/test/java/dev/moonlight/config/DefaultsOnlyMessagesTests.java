package dev.moonlight.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.HierarchicalMessageSource;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.context.support.DelegatingMessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.context.support.StaticMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Moonlight's {@code messageSource} answers as Spring's {@code DelegatingMessageSource},
 * which a context without one gets, and gives way to a message bundle and to an
 * application's own bean.
 */
class DefaultsOnlyMessagesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MessageSourceAutoConfiguration.class, DefaultsOnlyMessagesAutoConfiguration.class));

	/** Each a question to both sources: its answer, or the exception's message. */
	private static final List<Function<MessageSource, String>> QUESTIONS = List.of(
			(source) -> source.getMessage("code", null, "Default", Locale.US),
			(source) -> source.getMessage("code", new Object[] { "Ada", 3 }, "Hello {0}, {1}", Locale.US),
			(source) -> source.getMessage("code", new Object[] { 1234567 }, "{0,number}", Locale.GERMANY),
			(source) -> source.getMessage("code", new Object[] { "x" }, "Broken {", Locale.US),
			(source) -> source.getMessage("code", null, "It''s {0}", Locale.US),
			(source) -> source.getMessage("code", new Object[] { "x" }, "It''s {0}", Locale.US),
			(source) -> source.getMessage("code", new Object[0], null, Locale.US),
			(source) -> source.getMessage("code", null, Locale.US), (source) -> source.getMessage("code", null, null),
			(source) -> source.getMessage(new DefaultMessageSourceResolvable("a"), null),
			(source) -> source.getMessage(
					new DefaultMessageSourceResolvable(new String[] { "a", "b" }, new Object[] { "Ada" }, "Hi {0}"),
					Locale.US),
			(source) -> source.getMessage(new DefaultMessageSourceResolvable(new String[] { "a", "b" }), Locale.US),
			(source) -> source.getMessage(new DefaultMessageSourceResolvable((String[]) null, null, null), Locale.US));

	@Test
	void withoutAParentItAnswersAsSpringsDelegatingMessageSource() {
		assertSameAnswers(new DefaultsOnlyMessageSource(), new DelegatingMessageSource());
	}

	@Test
	void withAParentItAsksTheParentAsSpringsDelegatingMessageSource() {
		StaticMessageSource parent = new StaticMessageSource();
		parent.addMessage("code", Locale.US, "From the parent {0}");
		parent.addMessage("b", Locale.US, "B from the parent");
		HierarchicalMessageSource ours = new DefaultsOnlyMessageSource();
		ours.setParentMessageSource(parent);
		DelegatingMessageSource springs = new DelegatingMessageSource();
		springs.setParentMessageSource(parent);
		assertSameAnswers(ours, springs);
		assertThat(ours.getParentMessageSource()).isSameAs(parent);
	}

	@Test
	void anApplicationWithoutABundleGetsItAsTheContextsMessageSource() {
		this.runner.run((context) -> {
			assertThat(context.getBean(AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME))
				.isInstanceOf(DefaultsOnlyMessageSource.class);
			assertThat(context.getMessage("code", new Object[] { "Ada" }, "Hello {0}", Locale.US))
				.isEqualTo("Hello Ada");
		});
	}

	@Test
	void inAChildContextItAsksTheParentContextsMessageSource() {
		try (AnnotationConfigApplicationContext parent = new AnnotationConfigApplicationContext(OwnMessages.class)) {
			this.runner.withParent(parent).run((context) -> {
				assertThat(context.getBean(AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME))
					.isInstanceOf(DefaultsOnlyMessageSource.class);
				assertThat(context.getMessage("own", null, Locale.US)).isEqualTo("Own message");
			});
		}
	}

	@Test
	void everyMoonlightApplicationHasIt() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(DefaultsOnlyMessagesAutoConfiguration.class.getName());
	}

	@Test
	void anApplicationWithABundleGetsSpringBootsMessageSource() {
		this.runner.withPropertyValues("spring.messages.basename=dev/moonlight/config/test-messages").run((context) -> {
			assertThat(context.getBean(AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME))
				.isInstanceOf(ResourceBundleMessageSource.class);
			assertThat(context.getMessage("greeting", new Object[] { "Ada" }, Locale.US)).isEqualTo("Hello Ada");
		});
	}

	@Test
	void anApplicationsOwnMessageSourceWins() {
		this.runner.withUserConfiguration(OwnMessages.class).run((context) -> {
			assertThat(context.getBean(AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME))
				.isInstanceOf(StaticMessageSource.class);
			assertThat(context.getMessage("own", null, Locale.US)).isEqualTo("Own message");
		});
	}

	private static void assertSameAnswers(MessageSource ours, MessageSource springs) {
		for (int i = 0; i < QUESTIONS.size(); i++) {
			assertThat(answer(QUESTIONS.get(i), ours)).as("question %d", i)
				.isEqualTo(answer(QUESTIONS.get(i), springs));
		}
	}

	private static String answer(Function<MessageSource, String> question, MessageSource source) {
		Throwable thrown = catchThrowable(() -> question.apply(source));
		if (thrown != null) {
			assertThat(thrown).isInstanceOf(NoSuchMessageException.class);
			return "thrown: " + thrown.getMessage();
		}
		return "answered: " + question.apply(source);
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMessages {

		@Bean
		StaticMessageSource messageSource() {
			StaticMessageSource source = new StaticMessageSource();
			source.addMessage("own", Locale.US, "Own message");
			return source;
		}

	}

}
