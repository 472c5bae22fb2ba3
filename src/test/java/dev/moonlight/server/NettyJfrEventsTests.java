package dev.moonlight.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

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
	void aStartingApplicationSwitchesNettysJfrEventsOff() {
		SpringApplication application = new SpringApplication(NettyJfrEventsTests.class);
		application.getListeners()
			.stream()
			.filter(NettyJfrEvents.class::isInstance)
			.forEach((listener) -> ((NettyJfrEvents) listener).onApplicationEvent(null));
		assertThat(application.getListeners()).as("registered in spring.factories")
			.hasAtLeastOneElementOfType(NettyJfrEvents.class);
		assertThat(System.getProperty(NettyJfrEvents.SWITCH)).isEqualTo("false");
	}

	@Test
	void aSwitchTheJvmWasGivenWins() {
		System.setProperty(NettyJfrEvents.SWITCH, "true");
		new NettyJfrEvents().onApplicationEvent(null);
		assertThat(System.getProperty(NettyJfrEvents.SWITCH)).isEqualTo("true");
	}

}
