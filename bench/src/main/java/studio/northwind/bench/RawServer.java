package studio.northwind.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The floor: Reactor Netty with nothing on top. {@code GET /api/v1/ping} answers
 * DeskFlow's pong bytes; {@code POST /api/v1/} runs task.list's query on as many JDBC
 * threads as DeskFlow has workers and answers its bytes.
 */
final class RawServer {

	private RawServer() {
	}

	static DisposableServer start(String host, int port, DataSource dataSource, int workers) {
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		Scheduler jdbc = Schedulers.fromExecutorService(pool);
		TaskJson tasks = new TaskJson(dataSource);
		return HttpServer.create()
			.host(host)
			.port(port)
			.route((routes) -> routes.get("/api/v1/ping", (request, response) -> json(response, TaskJson.PONG))
				.post("/api/v1/",
						(request, response) -> request.receive()
							.aggregate()
							.asByteArray()
							.flatMap((body) -> Mono.fromCallable(tasks::list).subscribeOn(jdbc))
							.flatMap((bytes) -> json(response, bytes).then())))
			.bindNow();
	}

	private static Mono<Void> json(HttpServerResponse response, byte[] body) {
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

}
