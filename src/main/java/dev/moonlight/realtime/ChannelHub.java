package dev.moonlight.realtime;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This instance's open sockets and who subscribes to which channel. Delivery never waits:
 * each socket queues the frame in its bounded send buffer (and is closed when that is
 * full), so one slow client cannot hold up the others or the thread that delivers (a
 * worker, an event loop, Redis's).
 */
final class ChannelHub {

	private final ConcurrentMap<String, Set<RealtimeSocket>> subscribers = new ConcurrentHashMap<>();

	private final Set<RealtimeSocket> sockets = ConcurrentHashMap.newKeySet();

	void opened(RealtimeSocket socket) {
		sockets.add(socket);
	}

	/** Forgets the socket and its subscriptions. */
	void closed(RealtimeSocket socket) {
		sockets.remove(socket);
		socket.subscriptions().forEach((channel) -> unsubscribe(channel, socket));
	}

	void subscribe(String channel, RealtimeSocket socket) {
		// compute() keeps add and the removal of an emptied set apart, so a subscription
		// never lands in a dropped set.
		subscribers.compute(channel, (name, set) -> {
			Set<RealtimeSocket> members = (set != null) ? set : ConcurrentHashMap.newKeySet();
			members.add(socket);
			return members;
		});
	}

	void unsubscribe(String channel, RealtimeSocket socket) {
		subscribers.computeIfPresent(channel, (name, set) -> {
			set.remove(socket);
			return set.isEmpty() ? null : set;
		});
	}

	void deliver(String channel, byte[] frame) {
		Set<RealtimeSocket> members = subscribers.get(channel);
		if (members != null) {
			members.forEach((socket) -> socket.send(frame));
		}
	}

	/** How many sockets subscribe to the channel on this instance. */
	int subscribers(String channel) {
		Set<RealtimeSocket> members = subscribers.get(channel);
		return (members != null) ? members.size() : 0;
	}

	/** The open sockets, as a snapshot. */
	List<RealtimeSocket> sockets() {
		return List.copyOf(sockets);
	}

}
