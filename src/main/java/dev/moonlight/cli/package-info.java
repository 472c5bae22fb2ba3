/**
 * The command line of a Moonlight application, one class a command, registered in
 * {@link dev.moonlight.cli.MoonlightCli}: {@code runserver} (the default;
 * {@code --detach} through {@code DetachedServer}, {@code --mode=jobs} for a
 * consumer-only process), {@code runserver:logs}, {@code stopserver}, {@code workers},
 * {@code maintenance:on|off}, {@code routes} and the {@code jobs:*} commands. The
 * commands that reach a running server do so through its admin RPC
 * ({@code dev.moonlight.rpc}), reading {@code rpc.listen} from the project's files
 * without booting Spring; rendering ({@code WorkersTable}, {@code ServerBanner}) stays
 * apart from fetching.
 */
package dev.moonlight.cli;
