package dev.moonlight.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ApplicationListener;

/**
 * {@code -Dmoonlight.startup-report=N}: records Spring's startup steps (bean creations, configuration parsing, the
 * refresh) and prints the {@code N} longest once the application is ready, with the beans they concern, so a slow
 * start can be read without a profiler. A step's time includes the steps inside it.
 */
final class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

	/** The system property; its value is how many steps to print. */
	static final String PROPERTY = "moonlight.startup-report";

	private static final int CAPACITY = 20_000;

	private final BufferingApplicationStartup startup;

	private final int steps;

	private final PrintStream out;

	private StartupReport(BufferingApplicationStartup startup, int steps, PrintStream out) {
		this.startup = startup;
		this.steps = steps;
		this.out = out;
	}

	/** Records the startup of {@code application} when {@value #PROPERTY} asks for it. */
	static void attachIfAsked(SpringApplication application) {
		String value = System.getProperty(PROPERTY);
		if (value == null) {
			return;
		}
		int steps;
		try {
			steps = value.isBlank() ? 30 : Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			// A diagnostic switch must not stop the server: say what is wrong and start without it.
			System.err.println("-D" + PROPERTY + " takes a number of steps to print, not '" + value
					+ "'; starting without the startup report.");
			return;
		}
		BufferingApplicationStartup startup = new BufferingApplicationStartup(CAPACITY);
		application.setApplicationStartup(startup);
		application.addListeners(new StartupReport(startup, steps, System.err));
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		StartupTimeline timeline = startup.getBufferedTimeline();
		List<StartupTimeline.TimelineEvent> longest = timeline.getEvents().stream()
			.sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed())
			.limit(steps)
			.toList();
		out.println("Startup report: the " + longest.size() + " longest of " + timeline.getEvents().size() + " steps"
				+ " (a step includes the steps inside it)");
		for (StartupTimeline.TimelineEvent event1 : longest) {
			String tags = StreamSupport.stream(event1.getStartupStep().getTags().spliterator(), false)
				.map((tag) -> tag.getKey() + "=" + tag.getValue())
				.collect(Collectors.joining(" "));
			out.printf("%7d ms  %s  %s%n", millis(event1.getDuration()), event1.getStartupStep().getName(), tags);
		}
		out.flush();
	}

	private static long millis(Duration duration) {
		return duration.toMillis();
	}

}
