package studio.northwind.deskflow.system;

import java.util.Map;

import dev.moonlight.dispatch.Envelope;
import org.junit.jupiter.api.Test;
import studio.northwind.deskflow.mail.MailService;
import studio.northwind.deskflow.member.MemberService;
import studio.northwind.deskflow.project.ProjectService;
import studio.northwind.deskflow.task.TaskService;

import static org.assertj.core.api.Assertions.assertThat;

class WelcomeServiceTests {

	@Test
	void pingWelcomesWithTheAppName() {
		Envelope envelope = new WelcomeService("deskflow-api").ping().block();
		assertThat(envelope.returnCode()).isZero();
		assertThat(envelope.returnMessage()).isEqualTo("Welcome to deskflow-api");
		assertThat(envelope.returnData()).isEqualTo(Map.of("app", "deskflow-api"));
	}

	@Test
	void theMainSwitchExposesWelcomeTaskProjectMemberAndMail() {
		assertThat(new MainSwitch().services())
			.containsExactlyInAnyOrderEntriesOf(Map.of("welcome", WelcomeService.class, "task", TaskService.class,
					"project", ProjectService.class, "member", MemberService.class, "mail", MailService.class));
	}

}
