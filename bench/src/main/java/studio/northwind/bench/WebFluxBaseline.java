package studio.northwind.bench;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * What a Spring developer writes without Moonlight: a WebFlux {@code @RestController}
 * that parses the body, runs the same query on Reactor's bounded-elastic threads and
 * answers the same bytes.
 */
@SpringBootApplication
@RestController
public class WebFluxBaseline {

	private final TaskJson tasks;

	public WebFluxBaseline(DataSource dataSource, @Value("${spring.datasource.url}") String url)
			throws java.sql.SQLException {
		Baselines.fillIfOwn(dataSource, url);
		this.tasks = new TaskJson(dataSource);
	}

	@GetMapping(path = "/api/v1/ping", produces = MediaType.APPLICATION_JSON_VALUE)
	public byte[] ping() {
		return TaskJson.PONG;
	}

	@PostMapping(path = "/api/v1/", produces = MediaType.APPLICATION_JSON_VALUE)
	public Mono<ResponseEntity<byte[]>> list(@RequestBody JsonNode body) {
		if (!"task".equals(body.path("service").asString()) || !"list".equals(body.path("action").asString())) {
			return Mono.just(ResponseEntity.notFound().build());
		}
		return Mono.fromCallable(tasks::list).subscribeOn(Schedulers.boundedElastic()).map(ResponseEntity::ok);
	}

}
