package dev.moonlight.testing;

/**
 * Prometheus text as tests read it: every series carries the {@code instance} tag (host
 * name and pid unless {@code MOONLIGHT_INSTANCE} says otherwise), which differs per
 * machine and run, so tests about other tags drop it.
 */
public final class MetricLines {

	private MetricLines() {
	}

	/** The text with every {@code instance="..."} label taken out. */
	public static String withoutInstance(String prometheusText) {
		return prometheusText.replaceAll("instance=\"[^\"]*\",?", "").replace(",}", "}").replace("{}", "");
	}

}
