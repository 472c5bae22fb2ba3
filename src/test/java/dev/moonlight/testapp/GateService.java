package dev.moonlight.testapp;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.MoonlightService;

/**
 * Calls that hold their worker until the test opens the gate, and a count of the ones
 * holding, for readiness tests.
 */
@MoonlightService("gate")
public class GateService {

	private final AtomicInteger holding = new AtomicInteger();

	private final CountDownLatch open = new CountDownLatch(1);

	@Action
	Map<String, Object> hold() throws InterruptedException {
		holding.incrementAndGet();
		try {
			// Bounded, so a failed test does not leave a worker stuck for the rest of the
			// run.
			return Map.of("opened", open.await(30, TimeUnit.SECONDS));
		}
		finally {
			holding.decrementAndGet();
		}
	}

	/** How many calls hold a worker now. */
	public int holding() {
		return holding.get();
	}

	/** Lets every held call (and any later one) finish. */
	public void open() {
		open.countDown();
	}

}
