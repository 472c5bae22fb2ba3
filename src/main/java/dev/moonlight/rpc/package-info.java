/**
 * The admin RPC: newline-delimited JSON over TCP on {@code rpc.listen}, through which the
 * command line stops the server, shows its workers and switches maintenance, as
 * RoadRunner's {@code rr} talks to its RPC plugin.
 */
package dev.moonlight.rpc;
