package dev.moonlight.pool;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.config.SupervisorSection;

/**
 * The pool's threads and its queue, with RoadRunner's supervisor as a JVM understands it:
 * a worker past {@code max_jobs} calls or older than {@code ttl} hands its slot to a
 * fresh thread between calls, and a worker idle longer than {@code idle_ttl} stops, down
 * to {@link SupervisorSection#IDLE_FLOOR}; a call that finds no idle worker starts one,
 * up to {@code num_workers}. A {@link java.util.concurrent.ThreadPoolExecutor} can do
 * neither: it never replaces a thread that is still well, and runs no thread beyond its
 * core size while its queue has room.
 * <p>
 * Each worker holds its lock while it runs a call, as the executor's workers do, so that
 * {@link #shutdown} wakes only waiting workers and never interrupts a call.
 */
final class WorkerThreads {

	private static final Logger logger = LoggerFactory.getLogger(WorkerThreads.class);

	private static final int RUNNING = 0;

	private static final int SHUTDOWN = 1;

	private static final int STOP = 2;

	private final String prefix;

	private final BlockingQueue<Runnable> queue;

	private final SupervisorSection supervisor;

	private final Clock clock;

	/**
	 * Each worker by its number less one; a slot is taken and freed under its own lock.
	 */
	private final WorkerThread[] slots;

	/** Workers started and not ended, counting those being started. */
	private final AtomicInteger live = new AtomicInteger();

	/** Workers waiting for a call. */
	private final AtomicInteger idle = new AtomicInteger();

	private final AtomicInteger busy = new AtomicInteger();

	private final AtomicLong recycled = new AtomicLong();

	private final Object ended = new Object();

	private final AtomicInteger state = new AtomicInteger(RUNNING);

	/**
	 * The context class loader of the thread that built the pool, which every worker gets
	 * rather than that of whichever thread happens to start it.
	 */
	private final ClassLoader contextClassLoader;

	/** Starts a worker's thread: {@link Thread#start}, but for a test's failing one. */
	private final Consumer<Thread> starter;

	WorkerThreads(String prefix, int workers, BlockingQueue<Runnable> queue, SupervisorSection supervisor,
			Clock clock) {
		this(prefix, workers, queue, supervisor, clock, Thread::start);
	}

	WorkerThreads(String prefix, int workers, BlockingQueue<Runnable> queue, SupervisorSection supervisor, Clock clock,
			Consumer<Thread> starter) {
		this.starter = starter;
		this.prefix = prefix;
		this.queue = queue;
		this.supervisor = supervisor;
		this.clock = clock;
		this.slots = new WorkerThread[workers];
		this.contextClassLoader = Thread.currentThread().getContextClassLoader();
	}

	/** Starts every worker, as RoadRunner does: the first calls never wait for one. */
	void prestart() {
		while (spawn()) {
			// until every slot holds a worker
		}
	}

	/**
	 * Queues {@code task}; starts a worker when none waits and a slot is free.
	 * @throws RejectedExecutionException when the queue is full or the pool stopping
	 */
	void execute(Runnable task) {
		if (state.get() != RUNNING || !queue.offer(task)) {
			throw new RejectedExecutionException();
		}
		// Read only while idle_ttl has stopped workers: at full strength, one atomic
		// read.
		if (live.get() < slots.length && idle.get() < queue.size()) {
			spawn();
		}
	}

	boolean remove(Runnable task) {
		return queue.remove(task);
	}

	Runnable oldestQueued() {
		return queue.peek();
	}

	int queued() {
		return queue.size();
	}

	int busy() {
		return busy.get();
	}

	int live() {
		return live.get();
	}

	long recycled() {
		return recycled.get();
	}

	List<WorkerThread> workers() {
		List<WorkerThread> workers = new ArrayList<>(slots.length);
		synchronized (slots) {
			for (WorkerThread worker : slots) {
				if (worker != null) {
					workers.add(worker);
				}
			}
		}
		return workers;
	}

	/** Takes no more calls; the workers finish the queue, then end. */
	void shutdown() {
		state.accumulateAndGet(SHUTDOWN, Math::max);
		for (WorkerThread worker : workers()) {
			worker.wakeIfWaiting();
		}
	}

	/** Drops the queue and interrupts every worker, running calls included. */
	void shutdownNow() {
		state.set(STOP);
		queue.clear();
		for (WorkerThread worker : workers()) {
			worker.interrupt();
		}
	}

	boolean awaitTermination(long nanos) throws InterruptedException {
		long deadline = System.nanoTime() + nanos;
		synchronized (ended) {
			while (live.get() > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(ended, left);
			}
		}
		return true;
	}

	/**
	 * Reserves a place, then takes a free slot: there is one for every place. A thread
	 * that cannot start (no memory for its stack, a process thread limit) gives both
	 * back: the call that asked for it stays queued for the workers there are.
	 */
	private boolean spawn() {
		if (!reserve()) {
			return false;
		}
		WorkerThread worker;
		synchronized (slots) {
			int slot = 0;
			while (slots[slot] != null) {
				slot++;
			}
			worker = newWorker(slot);
		}
		try {
			starter.accept(worker);
		}
		catch (Throwable ex) {
			synchronized (slots) {
				free(worker);
			}
			endedOne();
			logger.error("pool.supervisor: cannot start worker thread {}; {} of {} running", worker.getName(),
					live.get(), slots.length, ex);
			return false;
		}
		return true;
	}

	/** Counts one more worker, unless every slot is counted already. */
	private boolean reserve() {
		for (;;) {
			int count = live.get();
			if (count >= slots.length) {
				return false;
			}
			if (live.compareAndSet(count, count + 1)) {
				return true;
			}
		}
	}

	/** Called holding the slots' lock. */
	private WorkerThread newWorker(int slot) {
		WorkerThread worker = new WorkerThread(this::work, prefix + (slot + 1), slot + 1, clock, contextClassLoader);
		slots[slot] = worker;
		return worker;
	}

	private void work() {
		WorkerThread self = (WorkerThread) Thread.currentThread();
		boolean handedOver = false;
		try {
			Runnable task;
			while (!handedOver && (task = next(self)) != null) {
				run(self, task);
				String due = (state.get() == RUNNING) ? self.recycleReason(supervisor) : null;
				handedOver = due != null && replace(self, due);
			}
			handedOver = handedOver || self.gone();
		}
		finally {
			if (!handedOver) {
				release(self);
			}
		}
	}

	/**
	 * The next call, or {@code null} when this worker must end: the pool stops, its queue
	 * is empty at shutdown, or a tick found it past {@code ttl} (replaced) or idle too
	 * long (stopped).
	 */
	private Runnable next(WorkerThread self) {
		long tick = supervisor.watchTick().toNanos();
		boolean watching = supervisor.watchesIdleWorkers();
		int now;
		while ((now = state.get()) == RUNNING || (now == SHUTDOWN && !queue.isEmpty())) {
			Runnable task = null;
			idle.incrementAndGet();
			try {
				if (now != RUNNING) {
					// Another worker may take the last call between the check and here:
					// a blocking take would then wait for ever, and the shutdown with it.
					task = queue.poll();
				}
				else {
					task = watching ? queue.poll(tick, TimeUnit.NANOSECONDS) : queue.take();
				}
			}
			catch (InterruptedException ex) {
				// Woken by shutdown: the loop's condition decides.
			}
			finally {
				idle.decrementAndGet();
			}
			if (task != null) {
				// A worker counts as idle until just after it took a call, so a call
				// queued in that moment may have started no worker: the last one to
				// leave idle starts one.
				if (live.get() < slots.length && idle.get() == 0 && !queue.isEmpty()) {
					spawn();
				}
				return task;
			}
			if (state.get() == RUNNING && watching && endsIdle(self)) {
				return null;
			}
		}
		return null;
	}

	private boolean endsIdle(WorkerThread self) {
		String due = self.recycleReason(supervisor);
		if (due != null) {
			return replace(self, due);
		}
		if (self.idleTooLong(supervisor)) {
			synchronized (slots) {
				// Under the lock, so two idle workers never both see the other above
				// the floor.
				if (live.get() <= SupervisorSection.IDLE_FLOOR) {
					return false;
				}
				free(self);
				live.decrementAndGet();
				// Read after the count went down: a call queued before it saw this worker
				// counted (and so started none) is in the queue, and one queued after it
				// starts a worker itself. A call in the queue keeps this worker, unless
				// such a start took its place already. The slot is still free: starts
				// take one under this lock.
				if (!queue.isEmpty() && reserve()) {
					slots[self.id() - 1] = self;
					return false;
				}
			}
			logger.debug("pool.supervisor: {} idle longer than idle_ttl={}; stopped", self.getName(),
					supervisor.idleTtl());
			self.markGone();
			return true;
		}
		return false;
	}

	private void run(WorkerThread self, Runnable task) {
		self.lockForCall();
		try {
			// A shutdown that raced this worker for its call may have interrupted it.
			if (state.get() < STOP) {
				Thread.interrupted();
			}
			busy.incrementAndGet();
			task.run();
		}
		catch (Throwable ex) {
			// PoolTask answers its own failures; anything else must not end the worker.
			logger.error("pool.exec: {} failed outside a call", self.getName(), ex);
		}
		finally {
			busy.decrementAndGet();
			self.unlockAfterCall();
		}
	}

	/** A fresh thread takes {@code self}'s slot; {@code self} ends once it returns. */
	private boolean replace(WorkerThread self, String why) {
		WorkerThread fresh;
		synchronized (slots) {
			if (state.get() != RUNNING || slots[self.id() - 1] != self) {
				return false;
			}
			fresh = newWorker(self.id() - 1);
		}
		try {
			starter.accept(fresh);
		}
		catch (Throwable ex) {
			// This worker keeps its slot and serves on.
			synchronized (slots) {
				if (slots[self.id() - 1] == fresh) {
					slots[self.id() - 1] = self;
				}
			}
			logger.error("pool.supervisor: {} {}, but no thread could start to replace it; it serves on",
					self.getName(), why, ex);
			return false;
		}
		logger.debug("pool.supervisor: {} (thread {}) {}; replaced by thread {}", self.getName(), self.getId(), why,
				fresh.getId());
		self.markGone();
		recycled.incrementAndGet();
		return true;
	}

	private void release(WorkerThread self) {
		synchronized (slots) {
			free(self);
		}
		endedOne();
	}

	private void free(WorkerThread self) {
		if (slots[self.id() - 1] == self) {
			slots[self.id() - 1] = null;
		}
	}

	private void endedOne() {
		if (live.decrementAndGet() == 0) {
			synchronized (ended) {
				ended.notifyAll();
			}
		}
	}

}
