package dev.moonlight.maintenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Merging {@code [maintenance]} keys into settings.ini lines, keeping everything else. */
class MaintenanceFileTests {

	private static List<String> merge(List<String> lines, Map<String, String> values) {
		List<String> copy = new ArrayList<>(lines);
		MaintenanceFile.merge(copy, new LinkedHashMap<>(values));
		return copy;
	}

	@Test
	void keysAreReplacedInPlaceAndNewOnesAddedAtTheEndOfTheSection() {
		List<String> lines = List.of("[maintenance]", "; keep me", "enabled = false", "BYPASS_TOKEN = old", "",
				"[jobs]", "ENABLED = true");
		assertThat(merge(lines, Map.of("ENABLED", "true", "BYPASS", "\"new\"", "RETRY_AFTER", "30")))
			.containsExactly("[maintenance]", "; keep me", "enabled = true", "BYPASS_TOKEN = \"new\"", "RETRY_AFTER = 30",
					"", "[jobs]", "ENABLED = true");
	}

	@Test
	void aMissingSectionIsAppended() {
		assertThat(merge(List.of("[server]", "PORT = 8000"), Map.of("ENABLED", "false")))
			.containsExactly("[server]", "PORT = 8000", "", "[maintenance]", "ENABLED = false");
		assertThat(merge(List.of(), Map.of("ENABLED", "true"))).containsExactly("[maintenance]", "ENABLED = true");
	}

	@Test
	void commentedKeysAreNotMistakenForValues() {
		assertThat(merge(List.of("[maintenance]", "; ENABLED = true"), Map.of("ENABLED", "true")))
			.containsExactly("[maintenance]", "; ENABLED = true", "ENABLED = true");
	}

}
