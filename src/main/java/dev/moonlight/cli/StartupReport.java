package dev.moonlight.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ApplicationListener;

/**
 * {@code -Dmoonlight.startup-report=N}: records Spring's startup steps (bean creations,
 * configuration parsing, the refresh) and prints the {@code N} longest once the
 * application is ready, with the beans they concern, so a slow start can be read without
 * a profiler. A step's time includes the steps inside it.
 */
final class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

	/** The system property; its value is how many steps to print. */
	static final String PROPERTY = "moonlight.startup-report";

	private static final int CAPACITY = 20_000;

	private final BufferingApplicationStartup startup;

	private final int steps;

	private final PrintStream out;

	StartupReport(BufferingApplicationStartup startup, int steps, PrintStream out) {
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
			// A diagnostic switch must not stop the server: say what is wrong and start
			// without it.
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
		print();
	}

	/** Prints the longest steps recorded so far, each with its total and its own time. */
	void print() {
		StartupTimeline timeline = startup.getBufferedTimeline();
		// A step's own time is its time less its children's: the column that says where
		// the time went.
		Map<Long, Duration> inChildren = new HashMap<>();
		for (StartupTimeline.TimelineEvent event1 : timeline.getEvents()) {
			Long parent = event1.getStartupStep().getParentId();
			if (parent != null) {
				inChildren.merge(parent, event1.getDuration(), Duration::plus);
			}
		}
		List<StartupTimeline.TimelineEvent> longest = timeline.getEvents()
			.stream()
			.sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed())
			.limit(steps)
			.toList();
		out.println("Startup report: the " + longest.size() + " longest of " + timeline.getEvents().size() + " steps"
				+ " (total: the step with the steps inside it; own: without them)");
		for (StartupTimeline.TimelineEvent event1 : longest) {
			String tags = StreamSupport.stream(event1.getStartupStep().getTags().spliterator(), false)
				.map((tag) -> tag.getKey() + "=" + tag.getValue())
				.collect(Collectors.joining(" "));
			// A step made on another thread (a background bean) may be counted under a
			// step it ran beside.
			Duration own = event1.getDuration()
				.minus(inChildren.getOrDefault(event1.getStartupStep().getId(), Duration.ZERO));
			own = own.isNegative() ? Duration.ZERO : own;
			out.printf("%7d ms total %7d ms own  %s  %s%n", millis(event1.getDuration()), millis(own),
					event1.getStartupStep().getName(), tags);
		}
		out.flush();
	}

	private static long millis(Duration duration) {
		return duration.toMillis();
	}

}
