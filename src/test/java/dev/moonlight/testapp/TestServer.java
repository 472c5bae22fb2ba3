package dev.moonlight.testapp;

import dev.moonlight.cli.MoonlightCli;

/**
 * The test application as a program of its own, for tests that need a separate JVM
 * (signals, exit).
 */
public final class TestServer {

	private TestServer() {
	}

	public static void main(String[] args) {
		MoonlightCli.main(TestApplication.class, args);
	}

}
