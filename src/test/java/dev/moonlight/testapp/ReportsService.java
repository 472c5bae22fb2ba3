package dev.moonlight.testapp;

import java.util.List;
import java.util.Map;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.MoonlightService;
import dev.moonlight.security.Authenticated;
import dev.moonlight.security.Can;
import dev.moonlight.security.CanAny;

/**
 * A service with security marks on the service and its actions, for the catalog and the
 * docs.
 */
@MoonlightService("reports")
@Authenticated(except = "summary")
class ReportsService {

	@Action
	Map<String, Object> summary() {
		return Map.of("reports", 2);
	}

	@Action
	Object mine() {
		return List.of();
	}

	@Action
	@Can("reports.read")
	ReportParams read(ReportParams params) {
		return params;
	}

	@Action
	@Can("reports.write")
	@Can("reports.audit")
	Object write() {
		return null;
	}

	@Action
	@CanAny({ "reports.admin", "reports.owner" })
	Object purge() {
		return null;
	}

}
