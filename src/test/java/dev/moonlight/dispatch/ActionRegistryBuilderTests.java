package dev.moonlight.dispatch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The action table is built once at boot and refuses anything ambiguous, naming both
 * sides.
 */
class ActionRegistryBuilderTests {

	@MoonlightService("tasks")
	static class FirstTasks {

		@Action
		Object list() {
			return null;
		}

	}

	@MoonlightService("tasks")
	static class SecondTasks {

		@Action
		Object list() {
			return null;
		}

	}

	@MoonlightService("twice")
	static class TwiceDeclared {

		@Action
		Object list() {
			return null;
		}

		@Action("list")
		Object listing() {
			return null;
		}

	}

	@MoonlightService("odd")
	static class OddSignature {

		@Action
		Object list(int count) {
			return null;
		}

	}

	record Lookup(String query) {
	}

	@MoonlightService("described")
	static class Described {

		@Action(aliases = "find")
		Object searchAll(Lookup params, Caller caller) {
			return params.query();
		}

		@Action
		Object raw(tools.jackson.databind.node.ObjectNode params) {
			return null;
		}

		@Action
		Object bare() {
			return null;
		}

	}

	public static class Exposing implements ApiSwitch {

		@Override
		public Map<String, Class<?>> services() {
			return Map.of("first", FirstTasks.class);
		}

	}

	private ActionRegistry build(Map<String, String> switches, Class<?>... services) {
		return build(MoonlightJson.create().mapper(), switches, services);
	}

	private ActionRegistry build(JsonMapper mapper, Map<String, String> switches, Class<?>... services) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			for (Class<?> service : services) {
				context.registerBean(service.getName(), service);
			}
			context.refresh();
			LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
			validator.afterPropertiesSet();
			ActionInvokerFactory invokers = new ActionInvokerFactory(mapper, validator,
					(type, method, action) -> ActionGuard.OPEN);
			return new ActionRegistryBuilder(context, invokers).build(switches);
		}
	}

	@Test
	void twoServicesWithOneAliasFailTheBootNamingBoth() {
		assertThatThrownBy(() -> build(Map.of(), FirstTasks.class, SecondTasks.class))
			.isInstanceOf(ActionRegistryException.class)
			.hasMessageContaining("Two services claim the alias 'tasks'")
			.hasMessageContaining(FirstTasks.class.getName())
			.hasMessageContaining(SecondTasks.class.getName());
	}

	@Test
	void anActionDeclaredTwiceFailsTheBootNamingBothMethods() {
		assertThatThrownBy(() -> build(Map.of(), TwiceDeclared.class)).isInstanceOf(ActionRegistryException.class)
			.hasMessageContaining("declares the action 'list' twice")
			.hasMessageContaining(".list()")
			.hasMessageContaining(".listing()");
	}

	@Test
	void anUnknownSwitchClassFailsTheBoot() {
		assertThatThrownBy(() -> build(Map.of("v1", "com.example.NoSuchSwitch"), FirstTasks.class))
			.isInstanceOf(ActionRegistryException.class)
			.hasMessage("[app_switches] v1 names com.example.NoSuchSwitch, but no such class exists."
					+ " Check the spelling in environment/settings.ini.");
	}

	@Test
	void aSwitchClassMustImplementApiSwitch() {
		assertThatThrownBy(() -> build(Map.of("v1", String.class.getName()), FirstTasks.class))
			.isInstanceOf(ActionRegistryException.class)
			.hasMessageContaining("does not implement dev.moonlight.dispatch.ApiSwitch");
	}

	@Test
	void aParameterMoonlightCannotSupplyFailsTheBoot() {
		assertThatThrownBy(() -> build(Map.of(), OddSignature.class)).isInstanceOf(ActionRegistryException.class)
			.hasMessageContaining("OddSignature.list()")
			.hasMessageContaining("cannot supply");
	}

	@Test
	void aSwitchExposesItsServicesUnderItsOwnAliases() {
		ActionRegistry registry = build(Map.of("v2", Exposing.class.getName()), FirstTasks.class);
		assertThat(registry.versions()).containsExactly("v2");
		assertThat(registry.catalog("v2")).containsOnlyKeys("first");
		assertThatThrownBy(() -> registry.find("v2", "tasks", "list")).isInstanceOf(NotFoundException.class)
			.hasMessage("Service tasks not found");
	}

	@Test
	void theTableDescribesEachActionWithItsMethodAndParameterRecord() throws NoSuchMethodException {
		ActionRegistry registry = build(Map.of(), Described.class);
		assertThat(registry.actions("v1")).extracting(ActionDescriptor::name)
			.as("sorted by name, in snake_case as the catalog lists them")
			.containsExactly("bare", "raw", "search_all");
		ActionDescriptor search = registry.actions("v1").get(2);
		assertThat(search.service()).isEqualTo("described");
		assertThat(search.aliases()).containsExactly("find");
		assertThat(search.serviceType()).isEqualTo(Described.class);
		assertThat(search.method())
			.isEqualTo(Described.class.getDeclaredMethod("searchAll", Lookup.class, Caller.class));
		assertThat(search.paramsType()).isEqualTo(Lookup.class);
		assertThat(search.readsRawParams()).isFalse();
		assertThat(registry.actions("v1").get(1).readsRawParams()).as("an ObjectNode parameter is the raw params")
			.isTrue();
		assertThat(registry.actions("v1").get(0).paramsType()).isNull();
		assertThat(registry.actions("v9")).isEmpty();
	}

	@Test
	void everySpellingOfAnActionFindsTheSameInvoker() {
		ActionRegistry registry = build(Map.of(), FirstTasks.class);
		assertThat(registry.find("v1", "tasks", "list")).isSameAs(registry.find("v1", "tasks", "listAction"))
			.isSameAs(registry.find("v1", "tasks", "list_action"));
	}

	@Test
	void aParameterRecordsDeserializerIsBuiltOnItsFirstCallNotAtBoot() {
		List<Class<?>> built = new CopyOnWriteArrayList<>();
		JsonMapper mapper = MoonlightJson.create()
			.mapper()
			.rebuild()
			.addModule(new SimpleModule("built").setDeserializerModifier(new ValueDeserializerModifier() {

				@Override
				public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
						BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
					built.add(description.getBeanClass());
					return deserializer;
				}

			}))
			.build();
		ActionRegistry registry = build(mapper, Map.of(), Described.class);
		assertThat(built).as("no deserializer built while the table is").doesNotContain(Lookup.class);
		ObjectNode params = mapper.createObjectNode().put("query", "moon");
		ActionContext call = new ActionContext("v1", "described", "search_all", "r1", Caller.ANONYMOUS, params,
				UploadedFiles.NONE);
		assertThat(registry.find("v1", "described", "search_all").invoke(call).returnData()).isEqualTo("moon");
		assertThat(registry.find("v1", "described", "search_all").invoke(call).returnData()).isEqualTo("moon");
		assertThat(built).as("built once, on the first call").containsOnlyOnce(Lookup.class);
	}

}
