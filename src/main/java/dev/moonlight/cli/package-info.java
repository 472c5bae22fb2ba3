/** The command line of a Moonlight application: {@code runserver} (the default) and its options. */
package dev.moonlight.cli;
