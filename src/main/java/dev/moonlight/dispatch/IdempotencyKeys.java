package dev.moonlight.dispatch;

import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Idempotency keys as the wire carries them: the HTTP header {@value #HEADER} or the
 * envelope field {@value #FIELD} (beside {@code service} and {@code action}, on every
 * transport). A key is 8 to {@value #MAX_LENGTH} characters of letters, digits and
 * {@code - _ . : + / =} (a UUID, a ULID, base64); anything else is refused with 400
 * before the action runs. A replayed answer carries
 * {@code extraData.}{@value #REPLAYED_FIELD} and, over HTTP, the header
 * {@value #REPLAYED_HEADER}{@code : true}.
 */
public final class IdempotencyKeys {

	public static final String HEADER = "Idempotency-Key";

	public static final String FIELD = "idempotency_key";

	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	public static final String REPLAYED_FIELD = "idempotent_replayed";

	public static final int MIN_LENGTH = 8;

	public static final int MAX_LENGTH = 128;

	private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.:+/=-]+");

	private IdempotencyKeys() {
	}

	/**
	 * Takes the envelope field out of the parameters, so actions never bind it.
	 * @return the checked key, or {@code null} when the body sends none
	 * @throws BadRequestException for a field that is no valid key
	 */
	static String take(ObjectNode params) {
		JsonNode field = params.remove(FIELD);
		if (field == null || field.isNull()) {
			return null;
		}
		if (!field.isString()) {
			throw new BadRequestException("The field " + FIELD + " must be a string.");
		}
		return check(field.asString(), "The field " + FIELD);
	}

	/**
	 * The key of an HTTP call: its header, or the body's field; both must agree when both
	 * are sent.
	 * @param header the header's value, or {@code null}
	 * @param call the call as its body addressed it
	 */
	public static ActionContext withHeader(String header, ActionContext call) {
		if (header == null) {
			return call;
		}
		String key = check(header.strip(), "The header " + HEADER);
		if (call.idempotencyKey() != null && !call.idempotencyKey().equals(key)) {
			throw new BadRequestException("The header " + HEADER + " and the field " + FIELD
					+ " name different keys; send one, or the same in both.");
		}
		return call.keyed(key);
	}

	/** Whether the envelope is a stored answer sent again. */
	public static boolean replayed(Envelope envelope) {
		Object extra = envelope.extraData();
		if (extra instanceof ObjectNode node) {
			return node.path(REPLAYED_FIELD).asBoolean(false);
		}
		return extra instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get(REPLAYED_FIELD));
	}

	private static String check(String key, String what) {
		if (key.length() < MIN_LENGTH || key.length() > MAX_LENGTH) {
			throw new BadRequestException(what + " must be " + MIN_LENGTH + " to " + MAX_LENGTH
					+ " characters long, not " + key.length() + ".");
		}
		if (!ALLOWED.matcher(key).matches()) {
			throw new BadRequestException(
					what + " may hold only letters, digits and - _ . : + / = (a UUID, a ULID or base64).");
		}
		return key;
	}

}
