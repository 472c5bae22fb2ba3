/**
 * The command line of a Moonlight application: {@code runserver} (the default), {@code routes} and the {@code jobs:*}
 * commands, one class each, registered in {@link dev.moonlight.cli.MoonlightCli}.
 */
package dev.moonlight.cli;
