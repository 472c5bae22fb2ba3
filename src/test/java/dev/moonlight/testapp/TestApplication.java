package dev.moonlight.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.moonlight.cli.MoonlightCli;

/**
 * A small application for the framework's wire tests; its services exercise every action
 * shape.
 */
@SpringBootApplication
public class TestApplication {

	/** The entry point {@code runserver --detach} starts again in a child JVM. */
	public static void main(String[] args) {
		MoonlightCli.main(TestApplication.class, args);
	}

}
