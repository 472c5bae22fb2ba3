package dev.moonlight.jmh.jobs;

import java.util.concurrent.atomic.AtomicLong;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.MoonlightService;

/** The trivial job: {@code bench.tick} counts its runs, which the benchmark watches. */
@MoonlightService("bench")
public class TickService {

	/** The parameters of a tick: which job of the round it is. */
	public record Tick(long n) {
	}

	private final AtomicLong runs = new AtomicLong();

	@Action
	public void tick(Tick tick) {
		runs.incrementAndGet();
	}

	/** Runs so far, every round included. */
	public long runs() {
		return runs.get();
	}

}
