package dev.moonlight.web;

import dev.moonlight.dispatch.UploadedFiles;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request body reduced to what an action sees: the parameters as a JSON object, and the
 * files apart.
 */
record RequestBody(ObjectNode params, UploadedFiles files) {

}
