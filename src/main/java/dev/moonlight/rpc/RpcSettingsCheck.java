package dev.moonlight.rpc;

import java.util.function.Function;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.SettingsCheck;

/**
 * A malformed {@code rpc.listen}, or one other machines can reach without a configured
 * token, before any bean.
 */
public final class RpcSettingsCheck implements SettingsCheck {

	@Override
	public void check(MoonlightSettings settings, Function<String, String> environment) {
		RpcSettings.read(settings.files(), environment).requireSafe();
	}

}
