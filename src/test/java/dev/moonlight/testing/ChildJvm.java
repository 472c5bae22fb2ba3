package dev.moonlight.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import studio.northwind.deskflow.DeskFlowApplication;

/**
 * The {@code java} command of a JVM of the tests' own (a server, a command, a jobs
 * consumer): the tests' class path, small heap, C1 only, and a class-data archive of that
 * class path made once per test run under {@code target/child-jvm/}. A boot reads the
 * classes it shares from the archive instead of loading and verifying them (about 40% of
 * a boot on two cores). Java 17 archives no class of a folder, so the folders of the
 * class path ({@code target/classes}, {@code target/test-classes}) are packed into jars
 * there first, in their place. When anything of that fails the children start as before:
 * the plain class path, no archive.
 */
public final class ChildJvm {

	private static final long TRAINING_SECONDS = 180;

	private ChildJvm() {
	}

	/**
	 * {@code java} and its options up to the main class, archive included when there is
	 * one; the first call of a run makes the archive (seconds).
	 */
	public static List<String> command() {
		Launch launch = Holder.LAUNCH;
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1"));
		command.addAll(launch.options());
		command.addAll(List.of("-cp", launch.classPath()));
		return command;
	}

	/**
	 * {@code java} and its options on the packaged jar's class path: {@code first} (such
	 * as Spring AOT's generated classes) ahead of the test class path, less the test
	 * classes and DevTools, which the jar leaves out. No archive: an archive holds the
	 * class path it was made with.
	 */
	public static List<String> packagedCommand(Path first) {
		String classPath = Stream.of(testClassPath().split(File.pathSeparator))
			.filter((entry) -> !Path.of(entry).getFileName().toString().startsWith("spring-boot-devtools"))
			.filter((entry) -> !Path.of(entry).getFileName().toString().equals("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		return List.of(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", first + File.pathSeparator + classPath);
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** The class path of the tests that run, as surefire gives it. */
	public static String testClassPath() {
		return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
	}

	/** The class path and archive options of every child of this run. */
	private record Launch(String classPath, List<String> options) {
	}

	/** Made by the first child of the run (the holder idiom: once, thread-safe). */
	private static final class Holder {

		private static final Launch LAUNCH = prepare();

	}

	private static Launch prepare() {
		String plain = testClassPath();
		Path dir = targetDir(plain).resolve("child-jvm");
		try {
			deleteTree(dir);
			Files.createDirectories(dir.resolve("train"));
			String packed = packFolders(plain, dir);
			Path archive = dir.resolve("app.jsa");
			if (train(packed, archive, dir)) {
				// Off: a child whose output a test reads must print only its own.
				return new Launch(packed,
						List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
			}
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("ChildJvm: no class-data archive for the child JVMs (" + ex + "); plain starts");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return new Launch(plain, List.of());
	}

	/** {@code target/} next to {@code target/test-classes}, else the working folder's. */
	private static Path targetDir(String classPath) {
		for (String entry : classPath.split(File.pathSeparator)) {
			Path path = Path.of(entry).toAbsolutePath();
			if (path.getFileName() != null && path.getFileName().toString().equals("test-classes")) {
				return path.getParent();
			}
		}
		return Path.of("target").toAbsolutePath();
	}

	/** The class path with each folder replaced by a jar of it, same order. */
	private static String packFolders(String classPath, Path dir) throws IOException {
		List<String> entries = new ArrayList<>();
		int index = 0;
		for (String entry : classPath.split(File.pathSeparator)) {
			Path path = Path.of(entry);
			if (Files.isDirectory(path)) {
				Path jar = dir.resolve((index++) + "-" + path.getFileName() + ".jar");
				jar(path, jar);
				entries.add(jar.toString());
			}
			else {
				entries.add(entry);
			}
		}
		return String.join(File.pathSeparator, entries);
	}

	/**
	 * A jar of {@code folder}, with its folder entries: Spring and Flyway list a package
	 * of a jar by them.
	 */
	private static void jar(Path folder, Path jar) throws IOException {
		try (OutputStream file = Files.newOutputStream(jar);
				ZipOutputStream zip = new ZipOutputStream(file);
				Stream<Path> paths = Files.walk(folder)) {
			zip.setLevel(Deflater.BEST_SPEED);
			for (Path path : paths.sorted().toList()) {
				if (path.equals(folder)) {
					continue;
				}
				String name = folder.relativize(path).toString().replace(File.separatorChar, '/');
				boolean isFolder = Files.isDirectory(path);
				zip.putNextEntry(new ZipEntry(isFolder ? name + "/" : name));
				if (!isFolder) {
					Files.copy(path, zip);
				}
				zip.closeEntry();
			}
		}
	}

	/**
	 * Boots DeskFlow (most children are DeskFlow, and it loads what the framework's test
	 * applications load) once in an empty project folder up to a refreshed context, the
	 * JVM writing the archive as it exits.
	 */
	private static boolean train(String classPath, Path archive, Path dir) throws IOException, InterruptedException {
		Path project = dir.resolve("train");
		ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
				"-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
				"-Dmoonlight.project-dir=" + project, "-cp", classPath, DeskFlowApplication.class.getName(),
				"runserver", "--host", "127.0.0.1", "--port", "0", "--moonlight.rpc.listen=tcp://127.0.0.1:0",
				"--spring.main.banner-mode=off")
			.directory(project.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("train.log").toFile());
		builder.environment()
			.keySet()
			.removeIf((name) -> name.startsWith("MOONLIGHT_") || name.startsWith("APP_") || name.startsWith("JWT_")
					|| List.of("DATABASE_URL", "PORT", "HOST", "SERVER_PORT").contains(name));
		// An application that signs tokens refuses to boot without a secret.
		byte[] secret = new byte[32];
		ThreadLocalRandom.current().nextBytes(secret);
		builder.environment().put("JWT_SECRET", HexFormat.of().formatHex(secret));
		Process process = builder.start();
		if (!process.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			System.err.println("ChildJvm: the training boot took over " + TRAINING_SECONDS + " s; plain starts");
			return false;
		}
		if (process.exitValue() != 0 || !Files.isRegularFile(archive)) {
			System.err
				.println("ChildJvm: the training boot failed (see " + dir.resolve("train.log") + "); plain starts");
			return false;
		}
		return true;
	}

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

}
