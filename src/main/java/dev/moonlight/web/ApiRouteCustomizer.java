package dev.moonlight.web;

import java.util.function.Supplier;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import reactor.netty.http.server.HttpServerRoutes;

/**
 * Puts the {@link ApiRoute} on each listener's server, after every other route (an
 * application's, the HTTPS redirect): it runs last, and is a customizer rather than a
 * route provider bean. The route is asked for at the first request, not here: Spring
 * builds the servers before it freezes its bean definitions, and the route is the whole
 * API (every service and what they need), which Spring builds faster after the freeze,
 * when its lookups by type are cached.
 */
final class ApiRouteCustomizer implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private final Supplier<ApiRoute> route;

	ApiRouteCustomizer(Supplier<ApiRoute> route) {
		this.route = route;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		factory.addRouteProviders(this::routes);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private HttpServerRoutes routes(HttpServerRoutes routes) {
		return routes.route((request) -> this.route.get().serves(request),
				(request, response) -> this.route.get().serve(request, response));
	}

}
