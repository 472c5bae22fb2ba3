package dev.moonlight.config;

import java.util.Locale;

/**
 * What an application class tells the framework before any file is read, so the framework
 * itself names no application: {@code ShopApplication} runs as {@code shop}, keeps its
 * embedded database in {@code storage/data/shop.mv.db} and its pid in
 * {@code storage/run/shop.pid}, and is called {@code shop} until {@code APP_NAME} or its
 * {@link ProjectDefaults#name()} says otherwise.
 *
 * @param name what {@code APP_NAME} defaults to: the log's name, ping's {@code app}, the
 * welcome message
 * @param fileName the command's name, which also names the application's files in the
 * storage folder
 * @param files the settings.ini and .rr.yaml the application's jar carries
 */
public record ApplicationDefaults(String name, String fileName, BundledFiles files) {

	/**
	 * A project that is its folder alone, run by no particular application (the
	 * framework's own tests, tools).
	 */
	public static final ApplicationDefaults NONE = new ApplicationDefaults("moonlight", "moonlight", BundledFiles.NONE);

	/**
	 * The defaults {@code application} declares: its {@link ProjectDefaults}, else what
	 * its class name gives.
	 * @param application the application class, or {@code null} for {@link #NONE}
	 * @return its defaults
	 */
	public static ApplicationDefaults of(Class<?> application) {
		if (application == null) {
			return NONE;
		}
		String fileName = fileName(application);
		ProjectDefaults declared = application.getAnnotation(ProjectDefaults.class);
		String name = (declared != null && !declared.name().isBlank()) ? declared.name().strip() : fileName;
		return new ApplicationDefaults(name, fileName, BundledFiles.of(application));
	}

	/**
	 * {@code ShopApplication} → {@code shop}; a class named only {@code Application} →
	 * {@code moonlight}.
	 */
	private static String fileName(Class<?> application) {
		String name = application.getSimpleName().replaceFirst("Application$", "");
		return name.isEmpty() ? NONE.fileName() : name.toLowerCase(Locale.ROOT);
	}

}
