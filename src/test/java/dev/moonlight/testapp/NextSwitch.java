package dev.moonlight.testapp;

import java.util.Map;

import dev.moonlight.dispatch.ApiSwitch;

/** v2: the same notes service, renamed {@code memo}. */
public class NextSwitch implements ApiSwitch {

	@Override
	public Map<String, Class<?>> services() {
		return Map.of("memo", NotesService.class);
	}

}
