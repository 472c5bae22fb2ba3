package dev.moonlight.docs;

import java.util.List;

/**
 * The catalog of one API version: what {@code GET /api/{v}/__catalog} answers as
 * {@code returnData}.
 *
 * @param version the version, {@code v1}
 * @param endpoint where calls go, {@code /api/v1/}
 * @param services its services, sorted by alias
 */
public record VersionDoc(String version, String endpoint, List<ServiceDoc> services) {

	public VersionDoc {
		services = List.copyOf(services);
	}

	/** Every action of every service, in catalog order. */
	public List<ActionDoc> actions() {
		return services.stream().flatMap((service) -> service.actions().stream()).toList();
	}

}
