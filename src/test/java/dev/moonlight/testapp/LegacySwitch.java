package dev.moonlight.testapp;

import java.util.Map;

import dev.moonlight.dispatch.ApiSwitch;

/** v1: the notes service under its own alias. */
public class LegacySwitch implements ApiSwitch {

	@Override
	public Map<String, Class<?>> services() {
		return Map.of("notes", NotesService.class, "slow", SlowService.class);
	}

}
