package dev.moonlight.tcp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Makes a {@link TcpHandler} or {@link ReactiveTcpHandler} the handler of the named
 * {@code tcp.servers}. Every configured server needs exactly one; a server name claimed
 * twice fails the boot.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface TcpWorker {

	/** The server names under {@code tcp.servers} this handler serves. */
	String[] value();

}
