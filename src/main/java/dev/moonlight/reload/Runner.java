package dev.moonlight.reload;

import org.springframework.context.SmartLifecycle;

/**
 * A part of the server that works beside its HTTP listeners and that a request may count
 * on: the job consumers, the TCP servers, realtime. They start after the listeners bind
 * (their phase is late, so they stop before the drain's wait); in a reload's new process,
 * which shares the ports with an old one that serves meanwhile, they start before its
 * listeners bind instead ({@link SuccessorRunnersFirst}), so no request reaches a new
 * process that is not fully up.
 */
public interface Runner extends SmartLifecycle {

}
