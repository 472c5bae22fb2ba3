package dev.moonlight.rpc;

import tools.jackson.databind.JsonNode;

/**
 * The server's answer to one call.
 *
 * @param ok whether the method ran
 * @param result the method's result (a missing node when {@code ok} is false)
 * @param error why the server refused or failed, empty when {@code ok}
 */
public record RpcReply(boolean ok, JsonNode result, String error) {

}
