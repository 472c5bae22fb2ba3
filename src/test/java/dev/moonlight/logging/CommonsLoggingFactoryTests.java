package dev.moonlight.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.Slf4jLogFactory;
import org.junit.jupiter.api.Test;

import dev.moonlight.testing.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's commons-logging goes straight to SLF4J, as Moonlight's own logging does, named
 * in {@code META-INF/services}: commons-logging's own discovery would first initialize
 * the Log4j API only to find it bridged to SLF4J (about 20 ms of every start's main
 * thread).
 */
class CommonsLoggingFactoryTests {

	@Test
	void theServiceFileNamesSlf4jsFactory() {
		assertThat(ServiceLoader.load(LogFactory.class, getClass().getClassLoader()).findFirst())
			.containsInstanceOf(Slf4jLogFactory.class);
	}

	/** In a JVM of its own: this one's commons-logging has long chosen its factory. */
	@Test
	void springsFirstLoggerLeavesTheLog4jApiUnloaded() throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(ChildJvm.command());
		command.addAll(List.of("-Xlog:class+load=info", FirstLogger.class.getName()));
		Path log = Files.createTempFile("first-logger", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		Files.delete(log);

		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("org.apache.commons.logging.impl.Slf4jLogFactory ",
				"logged through " + Slf4jLogFactory.class.getName());
		assertThat(output).doesNotContain("org.apache.logging.log4j");
	}

	/** The child: takes a logger as Spring's classes do, and logs a line. */
	static final class FirstLogger {

		public static void main(String[] args) {
			LogFactory.getLog(FirstLogger.class).info("logged through " + LogFactory.getFactory().getClass().getName());
		}

	}

}
