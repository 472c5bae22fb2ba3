package dev.moonlight.config;

import java.nio.file.Path;
import java.util.List;

import dev.moonlight.storage.StorageDir;

/**
 * Everything Moonlight reads from the project's configuration files at boot, validated
 * and with defaults filled. Fetch it in Spring with
 * {@link MoonlightEnvironmentPostProcessor#settings}.
 *
 * @param projectDir the project directory the files were read from (absolute)
 * @param storage the runtime folder: {@code storage/} there, or where
 * {@code MOONLIGHT_STORAGE_DIR} puts it
 * @param app name and debug switch
 * @param listen the HTTP listen address
 * @param http request limits and the worker pool
 * @param switches {@code [app_switches]} in file order; the first is the default version
 * @param database the database connection
 * @param files the parsed files, for capabilities that read their own sections (jobs,
 * tcp, realtime, ...)
 */
public record MoonlightSettings(Path projectDir, StorageDir storage, AppSettings app, ListenAddress listen,
		HttpSection http, List<SwitchEntry> switches, DatabaseSettings database, ProjectFiles files) {

	public MoonlightSettings {
		switches = List.copyOf(switches);
	}

}
