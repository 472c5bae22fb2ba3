package studio.northwind.deskflow.project;

import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.ReflectionUtils;

import dev.moonlight.dispatch.Caller;
import dev.moonlight.generic.GenericService;
import dev.moonlight.security.AccessRule;
import dev.moonlight.security.AccessRules;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marks of the generic {@code project} service as the framework resolves them at
 * boot: the service mark covers the actions inherited from {@link GenericService} (their
 * declaring class is the superclass), and the mark on the {@code delete} override adds
 * the permission.
 */
class ProjectAccessTests {

	private final AccessRules rules = new AccessRules();

	@Test
	void readingIsPublic() {
		assertThat(rule("list").isPublic()).isTrue();
		assertThat(rule("retrieve").isPublic()).as("and so its alias details").isTrue();
		assertThat(rule("summary").isPublic()).isTrue();
	}

	@Test
	void inheritedWritesNeedALogin() {
		assertThat(method("create").getDeclaringClass()).isEqualTo(GenericService.class);
		for (String action : List.of("create", "update")) {
			AccessRule rule = rule(action);
			assertThat(rule.loginRequired()).as(action).isTrue();
			assertThat(rule.checks()).as(action).isEmpty();
		}
	}

	@Test
	void deleteNeedsProjectManage() {
		AccessRule rule = rule("delete");
		assertThat(rule.loginRequired()).isTrue();
		assertThat(rule.checks()).singleElement()
			.satisfies((check) -> assertThat(check.permissions()).containsExactly("project.manage"));
	}

	private AccessRule rule(String action) {
		return rules.resolve(ProjectService.class, method(action), action);
	}

	private static Method method(String action) {
		Method method = (action.equals("summary"))
				? ReflectionUtils.findMethod(ProjectService.class, action, SummaryParams.class)
				: (action.equals("retrieve") || action.equals("list"))
						? ReflectionUtils.findMethod(ProjectService.class, action, ObjectNode.class)
						: ReflectionUtils.findMethod(ProjectService.class, action, ObjectNode.class, Caller.class);
		assertThat(method).as(action).isNotNull();
		return method;
	}

}
