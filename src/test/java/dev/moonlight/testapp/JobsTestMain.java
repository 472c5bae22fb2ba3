package dev.moonlight.testapp;

import dev.moonlight.cli.MoonlightCli;

/**
 * The test application as a program, for the tests that start consumers as child
 * processes.
 */
public final class JobsTestMain {

	private JobsTestMain() {
	}

	public static void main(String[] args) {
		MoonlightCli.main(TestApplication.class, args);
	}

}
