package studio.northwind.deskflow.system;

import java.util.Map;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.MoonlightService;
import org.springframework.beans.factory.annotation.Value;

/** The template's welcome service: {@code welcome.ping} greets with the application's name, as in the tutorial. */
@MoonlightService("welcome")
class WelcomeService {

	private final String appName;

	WelcomeService(@Value("${spring.application.name:deskflow-api}") String appName) {
		this.appName = appName;
	}

	/** {@code "Welcome to deskflow-api"} with {@code {"app": "deskflow-api"}}. */
	@Action
	public Envelope ping() {
		return Envelope.ok("Welcome to " + appName, Map.of("app", appName));
	}

}
