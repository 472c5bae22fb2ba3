package studio.northwind.deskflow.board;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.moonlight.web.NettyEarlyHints;
import dev.moonlight.web.PageHeaders;
import reactor.core.publisher.Mono;

/**
 * Serves the board: {@code GET /} is its page, {@code /board/**} its modules and styles,
 * all read from the jar, so the bare jar has it. The files live outside {@code static/},
 * so Spring Boot's own resource mapping does not serve them a second time without these
 * headers.
 */
@Configuration(proxyBeanMethods = false)
class BoardRoutes {

	static final String PAGE = "board/index.html";

	/**
	 * What the page loads, sent as {@code 103 Early Hints} before it: its styles and
	 * every module, so the browser fetches them all at once rather than import by import
	 * (BoardServingTests checks that each module the page imports is here).
	 */
	static final List<String> PRELOADS = List.of("</board/board.css>; rel=preload; as=style",
			"</board/board.js>; rel=modulepreload", "</board/api.js>; rel=modulepreload",
			"</board/cards.js>; rel=modulepreload", "</board/rules.js>; rel=modulepreload",
			"</board/errors.js>; rel=modulepreload", "</board/live.js>; rel=modulepreload",
			"</board/drag.js>; rel=modulepreload", "</board/editor.js>; rel=modulepreload",
			"</board/projects.js>; rel=modulepreload");

	/**
	 * Only the board's own files run and style the page; it talks only to this server
	 * (the API and its WebSocket: CSP's {@code 'self'} covers {@code ws:} of the same
	 * host), is never framed and posts no form anywhere.
	 */
	static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
			+ " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

	@Bean
	RouterFunction<ServerResponse> deskflowBoard() {
		Resource page = new ClassPathResource(PAGE);
		return RouterFunctions.route()
			.GET("/", (request) -> page(request, page))
			.HEAD("/", (request) -> ServerResponse.ok().contentType(HTML).bodyValue(page))
			.add(RouterFunctions.resources("/board/**", new ClassPathResource("board/")))
			.filter(guarded())
			.build();
	}

	private static Mono<ServerResponse> page(ServerRequest request, Resource page) {
		NettyEarlyHints.forNavigation(request.exchange()).send(PRELOADS);
		return ServerResponse.ok().contentType(HTML).bodyValue(page);
	}

	/**
	 * The headers of every board answer: a page holding a login token is never framed,
	 * sniffed as another type, or named to the sites it links to; the browser revalidates
	 * each file, so a new jar's board is seen at once.
	 */
	private static HandlerFilterFunction<ServerResponse, ServerResponse> guarded() {
		// On the exchange, where the answer's own headers are merged in: a built
		// ServerResponse's headers are read-only.
		return (request, next) -> {
			HttpHeaders headers = request.exchange().getResponse().getHeaders();
			PageHeaders.guard(headers, POLICY);
			headers.setCacheControl(CacheControl.noCache());
			return next.handle(request);
		};
	}

}
