package dev.moonlight.testapp;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.MoonlightService;
import reactor.core.publisher.Mono;

/**
 * Naps that a shutdown test can count, so it sends SIGTERM only once every nap is really
 * running on a worker.
 */
@MoonlightService("drain")
class DrainService {

	private final AtomicInteger napping = new AtomicInteger();

	record Nap(Integer ms) {
	}

	@Action
	Map<String, Object> nap(Nap params) throws InterruptedException {
		int ms = (params.ms() == null) ? 1000 : params.ms();
		napping.incrementAndGet();
		try {
			Thread.sleep(ms);
		}
		finally {
			napping.decrementAndGet();
		}
		return Map.of("slept", ms);
	}

	/** Answered on the event loop, so it is not queued behind the naps. */
	@Action
	Mono<Map<String, Integer>> napping() {
		return Mono.fromSupplier(() -> Map.of("napping", napping.get()));
	}

}
