/**
 * The command line of a Moonlight application: {@code runserver} (the default) and {@code routes}, one class each,
 * registered in {@link dev.moonlight.cli.MoonlightCli}.
 */
package dev.moonlight.cli;
