package dev.moonlight.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on the application class: it may name the application ({@link #name()}), and its
 * jar carries the project's own {@code environment/settings.ini} and {@code .rr.yaml} in
 * a classpath folder, so {@code java -jar app.jar} boots in a folder that holds nothing
 * but the jar. Files in the project folder are laid over them key by key, and environment
 * variables outrank both.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ProjectDefaults {

	/** The folder the build copies the files into. */
	String DEFAULT_FOLDER = "project-defaults";

	/**
	 * The classpath folder holding {@code environment/settings.ini} and {@code .rr.yaml}.
	 * @return the folder, without a leading slash
	 */
	String value() default DEFAULT_FOLDER;

	/**
	 * What {@code APP_NAME} defaults to when neither the environment nor {@code .env}
	 * sets it. The annotation also looks for bundled files in {@link #value()}; a folder
	 * that is not there is no error.
	 * @return the name; empty for the one the class name gives ({@code ShopApplication} →
	 * {@code shop})
	 */
	String name() default "";

}
