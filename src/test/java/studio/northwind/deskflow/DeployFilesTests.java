package studio.northwind.deskflow;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YAML lint of deploy/: compose.yaml and the Kubernetes manifests cannot run on the
 * build machine (no Docker, no cluster), so every YAML file there must parse, and the
 * essentials must agree with what cluster/run.sh proves and with the Dockerfile: the
 * readiness path is /ready on the container's port, the image is the pom's, a preStop
 * pause and a grace period longer than the drain, the instances of compose.yaml are the
 * upstreams of deploy/nginx/cluster.conf.
 */
class DeployFilesTests {

	private static final Path DEPLOY = Path.of("deploy");

	@Test
	void everyYamlFileUnderDeployParses() throws IOException {
		List<Path> files = yamlFiles();
		assertThat(files).extracting((file) -> DEPLOY.relativize(file).toString().replace('\\', '/'))
			.contains("compose.yaml", "k8s/deskflow.yaml", "k8s/rr.yaml");
		for (Path file : files) {
			assertThat(documents(file)).as(file + " holds at least one YAML document").isNotEmpty();
		}
	}

	@Test
	void theDeploymentIsReadyOnSlashReadyOnItsOwnPortAndDrainsBeforeStopping() throws IOException {
		Map<String, Object> deployment = manifest("Deployment", "deskflow");
		Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
		Map<String, Object> container = list(pod, "containers").get(0);
		assertThat(container.get("image")).isEqualTo(pomImage());
		Map<String, Object> port = list(container, "ports").get(0);
		assertThat(port.get("containerPort")).isEqualTo(dockerfileExposedPort());
		Map<String, Object> readiness = map(map(container, "readinessProbe"), "httpGet");
		assertThat(readiness.get("path")).isEqualTo("/ready");
		assertThat(readiness.get("port")).isIn(port.get("name"), port.get("containerPort"));
		assertThat(map(map(container, "lifecycle"), "preStop")).containsKey("exec");
		// Longer than the preStop pause plus http.pool.destroy_timeout (30 s).
		assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThanOrEqualTo(40);
		assertThat(env(container)).containsEntry("REALTIME_BROKER", "redis").containsEntry("APP_ENV", "production");
		Map<String, Object> service = manifest("Service", "deskflow");
		assertThat(map(map(service, "spec"), "selector"))
			.isEqualTo(map(map(map(map(deployment, "spec"), "template"), "metadata"), "labels"));
		assertThat(list(map(service, "spec"), "ports").get(0).get("targetPort")).isIn(port.get("name"),
				port.get("containerPort"));
		for (String external : List.of("postgres", "redis", "rabbitmq")) {
			assertThat(map(manifest("Service", external), "spec")).containsEntry("type", "ExternalName");
		}
	}

	@Test
	void composeRunsTheUpstreamsOfTheClusterNginxConfigWithHealthChecksOnReady() throws IOException {
		Map<String, Object> services = map(documents(DEPLOY.resolve("compose.yaml")).get(0), "services");
		List<String> ports = new ArrayList<>();
		for (Map.Entry<String, Object> entry : services.entrySet()) {
			if (!entry.getKey().startsWith("deskflow")) {
				continue;
			}
			Map<String, Object> service = cast(entry.getValue());
			assertThat(service.get("image")).isEqualTo(pomImage());
			assertThat(String.join(" ", stringList(map(service, "healthcheck"), "test"))).contains("/ready");
			assertThat(service.get("stop_grace_period")).isEqualTo("45s");
			Map<String, Object> environment = map(service, "environment");
			assertThat(environment).containsEntry("REALTIME_BROKER", "redis").containsEntry("APP_ENV", "production");
			ports.add("127.0.0.1:" + environment.get("PORT"));
		}
		assertThat(ports).hasSize(3).containsExactlyInAnyOrderElementsOf(nginxUpstreams());
	}

	@Test
	void theRrYamlOfTheInstancesTakesRabbitMqFromTheEnvironment() throws IOException {
		Map<String, Object> rr = documents(DEPLOY.resolve("k8s/rr.yaml")).get(0);
		assertThat(map(rr, "amqp").get("addr")).asString().startsWith("${AMQP_URL");
		assertThat(map(map(map(rr, "jobs"), "pipelines"), "amqp")).containsEntry("driver", "amqp");
	}

	private static List<Path> yamlFiles() throws IOException {
		try (Stream<Path> walk = Files.walk(DEPLOY)) {
			return walk.filter((file) -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
				.sorted()
				.toList();
		}
	}

	private static List<Map<String, Object>> documents(Path file) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file)) {
			for (Object document : new Yaml().loadAll(reader)) {
				if (document != null) {
					documents.add(cast(document));
				}
			}
		}
		return documents;
	}

	private static Map<String, Object> manifest(String kind, String name) throws IOException {
		for (Map<String, Object> document : documents(DEPLOY.resolve("k8s/deskflow.yaml"))) {
			if (kind.equals(document.get("kind")) && name.equals(map(document, "metadata").get("name"))) {
				return document;
			}
		}
		throw new AssertionError("no " + kind + " " + name + " in deploy/k8s/deskflow.yaml");
	}

	private static Map<String, Object> env(Map<String, Object> container) {
		Map<String, Object> values = new java.util.HashMap<>();
		for (Map<String, Object> variable : list(container, "env")) {
			values.put((String) variable.get("name"), variable.get("value"));
		}
		return values;
	}

	/**
	 * The image name of the pom's spring-boot:build-image settings, with the project's
	 * version.
	 */
	private static String pomImage() throws IOException {
		String pom = Files.readString(Path.of("pom.xml"));
		String version = group("<artifactId>deskflow</artifactId>\\s*<version>([^<]+)</version>", pom);
		String name = group("<image>\\s*<name>([^<]+)</name>", pom);
		return name.replace("${project.version}", version.replace("-SNAPSHOT", ""));
	}

	private static Integer dockerfileExposedPort() throws IOException {
		return Integer.valueOf(group("(?m)^EXPOSE (\\d+)", Files.readString(DEPLOY.resolve("Dockerfile"))));
	}

	private static List<String> nginxUpstreams() throws IOException {
		String conf = Files.readString(DEPLOY.resolve("nginx/cluster.conf"));
		Matcher matcher = Pattern.compile("(?m)^\\s*server (\\S+:\\d+)").matcher(conf);
		List<String> servers = new ArrayList<>();
		while (matcher.find()) {
			servers.add(matcher.group(1));
		}
		return servers;
	}

	private static String group(String regex, String text) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as("/" + regex + "/ matches").isTrue();
		return matcher.group(1);
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value) {
		return (T) value;
	}

	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return cast(parent.get(key));
	}

	private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return cast(parent.get(key));
	}

	private static List<String> stringList(Map<String, Object> parent, String key) {
		return cast(parent.get(key));
	}

}
