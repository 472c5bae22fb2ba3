package dev.moonlight.logging;

import java.util.ServiceLoader;

import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.Slf4jLogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's commons-logging goes straight to SLF4J, as Moonlight's own logging does, named
 * in {@code META-INF/services}: commons-logging's own discovery would first initialize
 * the Log4j API only to find it bridged to SLF4J (about 20 ms of every start's main
 * thread).
 */
class CommonsLoggingFactoryTests {

	@Test
	void theServiceFileNamesSlf4jsFactoryFirst() {
		assertThat(ServiceLoader.load(LogFactory.class, getClass().getClassLoader()).findFirst())
			.containsInstanceOf(Slf4jLogFactory.class);
	}

	@Test
	void springsLogsReachSlf4j() {
		assertThat(LogFactory.getFactory()).isInstanceOf(Slf4jLogFactory.class);
	}

}
