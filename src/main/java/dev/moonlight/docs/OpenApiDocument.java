package dev.moonlight.docs;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog as an OpenAPI 3.1 document: one {@code POST} operation per
 * {@code /api/{v}/{service}/{action}} (the path form the API serves), the request body
 * schema from the parameters, the envelope as every response, a bearer scheme on actions
 * that need a login, and one tag per service. Built with Jackson nodes; no generator
 * library.
 */
final class OpenApiDocument {

	static final String BEARER = "bearerAuth";

	private static final String ENVELOPE_REF = "#/components/schemas/Envelope";

	private OpenApiDocument() {
	}

	static ObjectNode build(JsonMapper mapper, ApiCatalog catalog, String title) {
		ObjectNode root = mapper.createObjectNode();
		root.put("openapi", "3.1.0");
		ObjectNode info = root.putObject("info");
		info.put("title", title);
		info.put("version", String.join(", ", catalog.versions().stream().map(VersionDoc::version).toList()));
		info.put("description", "A Moonlight envelope API. Each operation is also reachable as POST /api/{version}/"
				+ " with a JSON body {\"service\": ..., \"action\": ..., ...parameters}.");
		Set<String> tags = new LinkedHashSet<>();
		ObjectNode paths = root.putObject("paths");
		for (VersionDoc version : catalog.versions()) {
			for (ActionDoc action : version.actions()) {
				tags.add(action.service());
				paths.putObject(action.path()).set("post", operation(mapper, version, action));
			}
		}
		ArrayNode tagList = root.putArray("tags");
		tags.forEach((tag) -> tagList.addObject().put("name", tag));
		components(root.putObject("components"));
		return root;
	}

	private static ObjectNode operation(JsonMapper mapper, VersionDoc version, ActionDoc action) {
		ObjectNode operation = mapper.createObjectNode();
		operation.putArray("tags").add(action.service());
		operation.put("summary", action.label());
		operation.put("operationId", version.version() + "." + action.label());
		operation.put("description", "Handled by " + action.handler() + "."
				+ (action.aliases().isEmpty() ? "" : " Also answers to: " + String.join(", ", action.aliases()) + "."));
		if (!ActionDoc.NONE.equals(action.body())) {
			ObjectNode body = operation.putObject("requestBody");
			body.put("required", action.params().stream().anyMatch(ParamDoc::required));
			body.putObject("content").putObject("application/json").set("schema", bodySchema(mapper, action));
		}
		responses(operation.putObject("responses"), action);
		if (action.auth().loginRequired()) {
			operation.putArray("security").addObject().putArray(BEARER);
			ObjectNode permissions = operation.putObject("x-moonlight-permissions");
			action.auth().allOf().forEach(permissions.putArray("all_of")::add);
			action.auth().anyOf().forEach(permissions.putArray("any_of")::add);
		}
		ObjectNode dispatch = operation.putObject("x-moonlight-dispatch");
		dispatch.put("url", version.endpoint());
		dispatch.put("service", action.service());
		dispatch.put("action", action.action());
		return operation;
	}

	private static ObjectNode bodySchema(JsonMapper mapper, ActionDoc action) {
		ObjectNode schema = objectSchema(mapper, action.params());
		if (ActionDoc.FREE_FORM.equals(action.body())) {
			schema.put("additionalProperties", true);
			schema.put("description", "Free-form parameters, read by the action itself.");
		}
		return schema;
	}

	private static void responses(ObjectNode responses, ActionDoc action) {
		envelope(responses, "200", "Success: returnCode 0, the result in returnData.");
		if (action.auth().loginRequired()) {
			envelope(responses, "401", "No login: a bearer token is required.");
		}
		if (!action.auth().allOf().isEmpty() || !action.auth().anyOf().isEmpty()) {
			envelope(responses, "403", "The caller lacks a permission.");
		}
		if (!action.params().isEmpty() || ActionDoc.FREE_FORM.equals(action.body())) {
			envelope(responses, "422", "Validation failed: returnData.errors lists every failing field.");
		}
		envelope(responses, "default", "An error: returnCode equals the HTTP status.");
	}

	private static void envelope(ObjectNode responses, String status, String description) {
		ObjectNode response = responses.putObject(status);
		response.put("description", description);
		response.putObject("content").putObject("application/json").putObject("schema").put("$ref", ENVELOPE_REF);
	}

	static ObjectNode objectSchema(JsonMapper mapper, List<ParamDoc> params) {
		ObjectNode schema = mapper.createObjectNode();
		schema.put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		ArrayNode required = mapper.createArrayNode();
		for (ParamDoc param : params) {
			properties.set(param.name(), schema(mapper, param));
			if (param.required()) {
				required.add(param.name());
			}
		}
		if (!required.isEmpty()) {
			schema.set("required", required);
		}
		return schema;
	}

	private static ObjectNode schema(JsonMapper mapper, ParamDoc param) {
		if (!param.fields().isEmpty()) {
			return objectSchema(mapper, param.fields());
		}
		ObjectNode schema = mapper.createObjectNode();
		putIfSet(schema, "type", param.type());
		putIfSet(schema, "format", param.format());
		putIfSet(schema, "description", param.description());
		putIfSet(schema, "minLength", param.minLength());
		putIfSet(schema, "maxLength", param.maxLength());
		putIfSet(schema, "minItems", param.minItems());
		putIfSet(schema, "maxItems", param.maxItems());
		putIfSet(schema, "minimum", param.minimum());
		putIfSet(schema, "maximum", param.maximum());
		putIfSet(schema, "exclusiveMinimum", param.exclusiveMinimum());
		putIfSet(schema, "exclusiveMaximum", param.exclusiveMaximum());
		putIfSet(schema, "pattern", param.pattern());
		if (!param.allowedValues().isEmpty()) {
			param.allowedValues().forEach(schema.putArray("enum")::add);
		}
		if (param.items() != null) {
			schema.set("items", schema(mapper, param.items()));
		}
		return schema;
	}

	private static void putIfSet(ObjectNode schema, String key, String value) {
		if (value != null) {
			schema.put(key, value);
		}
	}

	private static void putIfSet(ObjectNode schema, String key, Integer value) {
		if (value != null) {
			schema.put(key, value.intValue());
		}
	}

	private static void putIfSet(ObjectNode schema, String key, BigDecimal value) {
		if (value != null) {
			schema.put(key, value);
		}
	}

	private static void components(ObjectNode components) {
		ObjectNode envelope = components.putObject("schemas").putObject("Envelope");
		envelope.put("type", "object");
		envelope.put("description", "Every answer of the API: these four keys, in this order.");
		ObjectNode properties = envelope.putObject("properties");
		properties.putObject("returnCode")
			.put("type", "integer")
			.put("description", "0 on success; otherwise the HTTP status, or a business code.");
		properties.putObject("returnMessage").putArray("type").add("string").add("null");
		properties.putObject("returnData").put("description", "The action's result, or error details.");
		properties.putObject("extraData").put("description", "Anything the action adds beside the result.");
		envelope.putArray("required").add("returnCode").add("returnMessage").add("returnData").add("extraData");
		ObjectNode bearer = components.putObject("securitySchemes").putObject(BEARER);
		bearer.put("type", "http");
		bearer.put("scheme", "bearer");
		bearer.put("bearerFormat", "JWT");
	}

}
