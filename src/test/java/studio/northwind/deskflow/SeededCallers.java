package studio.northwind.deskflow;

import java.util.Map;
import java.util.Set;

import dev.moonlight.dispatch.Caller;

/**
 * The seeded members as the JWT backend makes them callers, for tests that call an action
 * method directly.
 */
public final class SeededCallers {

	/** Alex, who holds both manage permissions and owns both seeded projects. */
	public static final Caller ALEX = new Caller("1", "Alex Chen", Set.of("task.manage", "project.manage"),
			Map.of("email", "alex@northwind.studio"));

	private SeededCallers() {
	}

}
