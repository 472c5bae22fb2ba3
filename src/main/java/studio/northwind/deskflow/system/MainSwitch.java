package studio.northwind.deskflow.system;

import java.util.Map;

import dev.moonlight.dispatch.ApiSwitch;
import studio.northwind.deskflow.mail.MailService;
import studio.northwind.deskflow.member.MemberService;
import studio.northwind.deskflow.project.ProjectService;
import studio.northwind.deskflow.task.TaskService;

/**
 * DeskFlow's {@code v1}: named in {@code environment/settings.ini} as
 * {@code [app_switches] v1=...MainSwitch}.
 */
public final class MainSwitch implements ApiSwitch {

	@Override
	public Map<String, Class<?>> services() {
		return Map.of("welcome", WelcomeService.class, "task", TaskService.class, "project", ProjectService.class,
				"member", MemberService.class, "mail", MailService.class);
	}

}
