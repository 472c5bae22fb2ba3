package studio.northwind.deskflow.system;

import java.util.Map;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.MoonlightService;
import org.springframework.beans.factory.annotation.Value;
import reactor.core.publisher.Mono;

/**
 * The template's welcome service: {@code welcome.ping} greets with the application's
 * name, as in the tutorial.
 */
@MoonlightService("welcome")
class WelcomeService {

	private final Mono<Envelope> welcome;

	WelcomeService(@Value("${spring.application.name:deskflow-api}") String appName) {
		this.welcome = Mono.just(Envelope.ok("Welcome to " + appName, Map.of("app", appName)));
	}

	/**
	 * {@code "Welcome to deskflow-api"} with {@code {"app": "deskflow-api"}}. Reactive,
	 * so it is answered on the event loop: it does no I/O, and a worker would only add
	 * two thread hops.
	 */
	@Action
	public Mono<Envelope> ping() {
		return welcome;
	}

}
