package dev.moonlight.testapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.MoonlightService;

/**
 * Which worker thread runs a call, and what it keeps: the supervisor tests' actions. A
 * ThreadLocal stands for what a leak leaves on a thread; {@code retain} holds heap for
 * the memory failswitch.
 */
@MoonlightService("threads")
public class ThreadsService {

	private static final ThreadLocal<Boolean> SEEN = new ThreadLocal<>();

	private final List<byte[]> retained = new ArrayList<>();

	/**
	 * The running thread and whether a call before this one left its ThreadLocal there.
	 */
	@Action
	Map<String, Object> current() {
		boolean seen = SEEN.get() != null;
		SEEN.set(Boolean.TRUE);
		Thread thread = Thread.currentThread();
		return Map.of("thread_id", thread.getId(), "thread", thread.getName(), "seen_before", seen);
	}

	record Retain(Integer mb) {
	}

	/** Keeps {@code mb} more megabytes reachable until {@link #release}. */
	@Action
	Map<String, Object> retain(Retain params) {
		int megabytes = (params.mb() == null) ? 1 : params.mb();
		synchronized (retained) {
			for (int i = 0; i < megabytes; i++) {
				retained.add(new byte[1024 * 1024]);
			}
			return Map.of("retained_mb", retained.size());
		}
	}

	/** Lets the retained memory go. */
	public void release() {
		synchronized (retained) {
			retained.clear();
		}
	}

}
