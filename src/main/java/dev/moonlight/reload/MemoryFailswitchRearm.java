package dev.moonlight.reload;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;

import dev.moonlight.pool.HeapWatch;

/**
 * A failed reload arms {@code max_worker_memory}'s failswitch again: without this, a
 * {@link HeapWatch} that started the reload would wait for ever for a hand-over.
 */
final class MemoryFailswitchRearm implements ApplicationListener<ReloadFailed> {

	private final ObjectProvider<HeapWatch> heap;

	MemoryFailswitchRearm(ObjectProvider<HeapWatch> heap) {
		this.heap = heap;
	}

	@Override
	public void onApplicationEvent(ReloadFailed event) {
		this.heap.ifAvailable(HeapWatch::reloadFailed);
	}

}
