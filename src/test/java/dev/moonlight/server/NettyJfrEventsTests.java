package dev.moonlight.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Spring application with Moonlight on its classpath leaves Netty's JFR events off,
 * unless the JVM was started with the switch.
 */
class NettyJfrEventsTests {

	private String before;

	@BeforeEach
	void clear() {
		this.before = System.clearProperty(NettyJfrEvents.SWITCH);
	}

	@AfterEach
	void restore() {
		if (this.before == null) {
			System.clearProperty(NettyJfrEvents.SWITCH);
		}
		else {
			System.setProperty(NettyJfrEvents.SWITCH, this.before);
		}
	}

	@Test
	void theListenerSpringFactoriesRegistersSwitchesNettysJfrEventsOffWhenTheApplicationStarts() {
		SpringApplication application = new SpringApplication(NettyJfrEventsTests.class);
		SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
		application.getListeners()
			.stream()
			.filter(NettyJfrEvents.class::isInstance)
			.forEach(multicaster::addApplicationListener);
		// The multicaster hands each event only to the listeners of its type: a listener
		// that waited for a later event would miss Netty's first read of the switch.
		multicaster
			.multicastEvent(new ApplicationStartingEvent(new DefaultBootstrapContext(), application, new String[0]));
		assertThat(System.getProperty(NettyJfrEvents.SWITCH)).isEqualTo("false");
	}

	@Test
	void aSwitchTheJvmWasGivenWins() {
		System.setProperty(NettyJfrEvents.SWITCH, "true");
		new NettyJfrEvents().onApplicationEvent(
				new ApplicationStartingEvent(new DefaultBootstrapContext(), new SpringApplication(), new String[0]));
		assertThat(System.getProperty(NettyJfrEvents.SWITCH)).isEqualTo("true");
	}

}
