package dev.moonlight.idempotency;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.IdempotencyKeys;
import dev.moonlight.dispatch.KeyedCalls;
import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.idempotency.IdempotencyStore.Stored;
import dev.moonlight.logging.Redactor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a keyed call once. In one transaction on the calling worker: insert the key's row,
 * run the action (whose JDBC writes join that transaction, {@code GroupCommit} writes
 * included), store its answer on the row, commit. So the row and the action's writes
 * commit together or not at all, and a call that fails (throws) or answers a status that
 * invites a retry (5xx, 408, 425, 429) leaves no row and no writes: a retry runs it
 * again. A retry whose key's row is committed gets the stored answer; one whose key is
 * held by a running call waits for it (at most {@code [idempotency] WAIT}), then gets its
 * answer or 409.
 */
public final class IdempotentCalls implements KeyedCalls {

	/** How often a retry looks again when the database did not make it wait. */
	private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

	/** PostgreSQL's SQLSTATE when {@code lock_timeout} ran out. */
	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final int H2_LOCK_TIMEOUT = 50200;

	private static final int H2_CONCURRENT_UPDATE = 90131;

	/**
	 * The largest envelope kept for replay, in UTF-8 bytes: the table must not grow by
	 * whatever an action answers. A larger one is kept as {@link #tooLarge}.
	 */
	static final int MAX_STORED_BYTES = 64 * 1024;

	private final IdempotencyStore store;

	private final TransactionTemplate transactions;

	private final JsonMapper mapper;

	private final IdempotencySettings settings;

	private final Clock clock;

	private final Redactor redactor;

	IdempotentCalls(IdempotencyStore store, TransactionTemplate transactions, JsonMapper mapper,
			IdempotencySettings settings, Clock clock, Redactor redactor) {
		this.store = store;
		this.transactions = transactions;
		this.mapper = mapper;
		this.settings = settings;
		this.clock = clock;
		this.redactor = redactor;
	}

	@Override
	public Envelope run(ActionContext context, String label, Supplier<Envelope> action) {
		String id = RequestDigest.row(context);
		String hash = RequestDigest.request(context, redactor);
		long deadline = System.nanoTime() + settings.retryWait().toNanos();
		while (true) {
			Instant now = clock.instant();
			Optional<Stored> stored = store.find(id, now);
			if (stored.isPresent()) {
				return replay(stored.get(), hash, label);
			}
			Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			try {
				return attempt(context, label, id, hash, now, left, action);
			}
			catch (KeyBusy busy) {
				if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
					return store.find(id, clock.instant())
						.map((done) -> replay(done, hash, label))
						.orElseThrow(() -> stillRunning(label));
				}
				LockSupport.parkNanos(Math.min(POLL_NANOS, deadline - System.nanoTime()));
			}
		}
	}

	private Envelope attempt(ActionContext context, String label, String id, String hash, Instant now, Duration wait,
			Supplier<Envelope> action) {
		return transactions.execute((transaction) -> {
			try {
				store.claim(id, RequestDigest.label(context), hash, now, now.plus(settings.ttl()), wait);
			}
			catch (DataAccessException ex) {
				if (held(ex)) {
					throw new KeyBusy();
				}
				throw ex;
			}
			Envelope answer = action.get();
			int status = status(answer);
			if (kept(status)) {
				String envelope = stored(answer);
				int bytes = envelope.getBytes(StandardCharsets.UTF_8).length;
				if (bytes > MAX_STORED_BYTES) {
					store.complete(id, 409, tooLarge(label, bytes));
				}
				else {
					store.complete(id, status, envelope);
				}
			}
			else {
				// "You may retry" must mean nothing happened: the action's writes roll
				// back with the key's row, so a retry does not write twice.
				transaction.setRollbackOnly();
			}
			return answer;
		});
	}

	/**
	 * Whether the key's insert failed because another call holds or has stored the key: a
	 * duplicate, or a lock wait that ran out (PostgreSQL's {@code lock_timeout}, which
	 * its driver reports uncategorised, or H2's).
	 */
	private static boolean held(DataAccessException ex) {
		if (ex instanceof DuplicateKeyException || ex instanceof ConcurrencyFailureException
				|| ex instanceof QueryTimeoutException) {
			return true;
		}
		return ex.getMostSpecificCause() instanceof SQLException sql && (LOCK_NOT_AVAILABLE.equals(sql.getSQLState())
				|| sql.getErrorCode() == H2_LOCK_TIMEOUT || sql.getErrorCode() == H2_CONCURRENT_UPDATE);
	}

	/**
	 * Whether a retry gets this answer again: not a 5xx, 408, 425 or 429, which say the
	 * client may try again and should be free to.
	 */
	static boolean kept(int status) {
		return status < 500 && status != 408 && status != 425 && status != 429;
	}

	private static int status(Envelope answer) {
		return (answer.httpStatus() != 0) ? answer.httpStatus() : 200;
	}

	private String stored(Envelope answer) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("returnCode", answer.returnCode());
		body.put("returnMessage", answer.returnMessage());
		body.put("returnData", answer.returnData());
		body.put("extraData", answer.extraData());
		return mapper.writeValueAsString(body);
	}

	/**
	 * What a retry gets in place of an answer too large to keep: the call ran and its
	 * writes are kept, but its answer is not.
	 */
	private String tooLarge(String label, int bytes) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("returnCode", 409);
		body.put("returnMessage",
				"A call to " + label + " with this " + IdempotencyKeys.HEADER + " completed, but its answer (" + bytes
						+ " bytes) was too large to keep; read the result"
						+ " another way, or send a new call with a new key.");
		body.put("returnData", null);
		body.put("extraData", null);
		return mapper.writeValueAsString(body);
	}

	/**
	 * The stored answer, marked {@code extraData.idempotent_replayed} (when its extraData
	 * is empty or an object).
	 */
	private Envelope replay(Stored stored, String hash, String label) {
		if (!stored.requestHash().equals(hash)) {
			throw new MoonlightException(422, "This " + IdempotencyKeys.HEADER
					+ " was used with a different request to " + label + "; a new request needs a new key.");
		}
		JsonNode body = mapper.readTree(stored.envelope());
		JsonNode extra = body.get("extraData");
		Object marked = extra;
		if (extra == null || extra.isNull()) {
			marked = mapper.createObjectNode().put(IdempotencyKeys.REPLAYED_FIELD, true);
		}
		else if (extra instanceof ObjectNode object) {
			marked = object.put(IdempotencyKeys.REPLAYED_FIELD, true);
		}
		JsonNode message = body.get("returnMessage");
		return new Envelope(body.path("returnCode").asInt(),
				(message == null || message.isNull()) ? null : message.asString(), body.get("returnData"), marked,
				stored.status());
	}

	private static MoonlightException stillRunning(String label) {
		return new MoonlightException(409,
				"A call to " + label + " with this " + IdempotencyKeys.HEADER
						+ " is still running; send it again once that call has answered.",
				null, Map.of("Retry-After", "1"));
	}

	/** Another call holds the key's row; thrown to roll the attempt back. */
	private static final class KeyBusy extends RuntimeException {

		KeyBusy() {
			super(null, null, false, false);
		}

	}

}
