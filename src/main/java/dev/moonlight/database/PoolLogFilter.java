package dev.moonlight.database;

import java.util.Set;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;
import org.springframework.context.SmartLifecycle;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Hands HikariCP's WARN line per broken pooled connection ("Connection ... marked as
 * broken because of SQLSTATE(08006)", "Failed to validate connection ...") to
 * {@link DatabaseAvailability} instead of the log. During an outage HikariCP writes one,
 * with a stack trace, for every pooled connection and for every call that held one, and
 * each says what the availability's single line says; outside an outage the availability
 * logs them once, with the first line's text and stack trace, when its probe finds the
 * database answering. Only lines of this application's pool and only these two messages
 * are taken: should a HikariCP version word them otherwise, they reach the log as before.
 * <p>
 * Why a filter rather than HikariCP settings: HikariCP has no setting for these lines,
 * and raising those loggers' level would hide them for good, also when they are the only
 * sign of trouble.
 */
final class PoolLogFilter extends TurboFilter {

	private static final Set<String> LOGGERS = Set.of("com.zaxxer.hikari.pool.ProxyConnection",
			"com.zaxxer.hikari.pool.PoolBase");

	private final DatabaseAvailability availability;

	PoolLogFilter(DatabaseAvailability availability) {
		this.availability = availability;
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		// Asked for every log call of the application: the cheap test first.
		if (level != Level.WARN || format == null || !LOGGERS.contains(logger.getName()) || !aboutAConnection(format)
				|| params == null || params.length == 0 || !(params[0] instanceof String pool)
				|| !availability.owns(pool)) {
			return FilterReply.NEUTRAL;
		}
		// Without an explicit throwable, SLF4J's convention: a Throwable as the last
		// parameter is the stack trace.
		FormattingTuple line = (t != null) ? MessageFormatter.arrayFormat(format, params, t)
				: MessageFormatter.arrayFormat(format, params);
		availability.connectionBroke(line.getMessage(), line.getThrowable());
		return FilterReply.DENY;
	}

	private static boolean aboutAConnection(String format) {
		return format.contains("marked as broken") || format.contains("Failed to validate connection");
	}

	/**
	 * Adds the filter to Logback while the application runs (when Logback is SLF4J's
	 * backend).
	 */
	static final class Registration implements SmartLifecycle {

		private final PoolLogFilter filter;

		private volatile LoggerContext context;

		Registration(DatabaseAvailability availability) {
			this.filter = new PoolLogFilter(availability);
		}

		@Override
		public void start() {
			ILoggerFactory factory = LoggerFactory.getILoggerFactory();
			if (factory instanceof LoggerContext logback) {
				filter.setName("moonlight-pool-log");
				filter.start();
				logback.addTurboFilter(filter);
				context = logback;
			}
		}

		@Override
		public void stop() {
			LoggerContext logback = context;
			if (logback != null) {
				logback.getTurboFilterList().remove(filter);
				filter.stop();
				context = null;
			}
		}

		@Override
		public boolean isRunning() {
			return context != null;
		}

		/**
		 * Starts first and stops last: a pool closing at shutdown may still find broken
		 * connections.
		 */
		@Override
		public int getPhase() {
			return Integer.MIN_VALUE;
		}

	}

}
