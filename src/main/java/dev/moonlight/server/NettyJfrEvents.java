package dev.moonlight.server;

import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Leaves Netty's JFR events unregistered unless the JVM asks for them
 * ({@code -Dio.netty.jfr.enabled=true}). Netty 4.2's adaptive allocator registers its
 * chunk and buffer events with the Flight Recorder when it first allocates, which is on
 * an event loop, reading the first request: that builds JFR's whole metadata repository
 * there, 36 ms of CPU measured on this project's 2-core machine, for events JFR keeps off
 * unless a recording names them. Netty reads the switch once, when its
 * {@code PlatformDependent} class loads, so it is set as the application starts, before
 * any server or worker pool exists.
 */
public final class NettyJfrEvents implements ApplicationListener<ApplicationStartingEvent> {

	static final String SWITCH = "io.netty.jfr.enabled";

	@Override
	public void onApplicationEvent(ApplicationStartingEvent event) {
		System.getProperties().putIfAbsent(SWITCH, "false");
	}

}
