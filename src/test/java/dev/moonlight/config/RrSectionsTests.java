package dev.moonlight.config;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code .rr.yaml} says that has no effect is told once, with file and line. */
class RrSectionsTests {

	private static List<String> notices(String yaml) {
		List<ConfigNotice> notices = new ArrayList<>();
		new RrSections(RrYaml.parse(yaml, (name) -> null), notices::add).report();
		return notices.stream().map((notice) -> (notice.warning() ? "WARN " : "INFO ") + notice).toList();
	}

	@Test
	void anUnknownSectionIsOneWarningNamingItAndItsLine() {
		assertThat(notices("""
				version: "3"
				http:
				  address: 127.0.0.1:8000
				kv:
				  local:
				    driver: memory
				""")).containsExactly("WARN .rr.yaml:4: section \"kv\" is not supported and is ignored.");
	}

	@Test
	void everySectionMoonlightReadsPassesSilently() {
		assertThat(notices("""
				version: "3"
				rpc: {listen: "tcp://127.0.0.1:6001"}
				http: {address: "127.0.0.1:8000", uploads: {dir: tmp, forbid: [".php"], allow: []}}
				jobs: {consume: []}
				amqp: {addr: "amqp://127.0.0.1"}
				tcp: {servers: {}}
				status: {address: "127.0.0.1:2114", unavailable_status_code: 503, unready_delay: 2s}
				metrics: {address: "127.0.0.1:2112"}
				logs: {mode: production, level: info, channels: {http: {level: warn}}}
				reload: {interval: 1s, services: {http: {dirs: [templates]}}}
				""")).isEmpty();
	}

	@Test
	void roadRunnersWorkerSectionIsInformationNotAWarning() {
		assertThat(notices("server:\n  command: php worker.php\n")).containsExactly(
				"INFO .rr.yaml:1: section \"server\" is RoadRunner's and is ignored: actions run inside the JVM, "
						+ "so there is no worker command or relay to start.");
	}

	@Test
	void aMisspelledOrUnhonouredKeyOfAReadSectionIsNamed() {
		assertThat(notices("""
				status:
				  adress: 127.0.0.1:2114
				  check_timeout: 10s
				metrics:
				  collect:
				    app_metric: {type: counter}
				http.uploads.forbidd: [".exe"]
				""")).containsExactlyInAnyOrder(
				"WARN .rr.yaml:2: status.adress is not a key of status and is ignored; check the spelling.",
				"INFO .rr.yaml:3: status.check_timeout is accepted and has no effect: the checks read state "
						+ "the server keeps and never wait.",
				"WARN .rr.yaml:5: metrics.collect is accepted and has no effect: declare application meters "
						+ "with Micrometer (a MeterRegistry bean) instead of RPC collectors.",
				"WARN .rr.yaml:7: http.uploads.forbidd is not a key of http.uploads and is ignored; "
						+ "check the spelling.");
	}

	@Test
	void aSectionWrittenOnlyThroughDottedKeysIsPlacedAtItsFirstKey() {
		assertThat(notices("version: \"3\"\ngrpc.listen: tcp://127.0.0.1:9001\n"))
			.containsExactly("WARN .rr.yaml:2: section \"grpc\" is not supported and is ignored.");
	}

	@Test
	void aChannelSetsOnlyItsLevel() {
		assertThat(notices("logs:\n  channels:\n    http:\n      level: info\n      mode: raw\n"))
			.containsExactly("WARN .rr.yaml:5: logs.channels.http.mode is ignored: a channel sets only its level; "
					+ "the other settings are the logs section's.");
	}

	@Test
	void reloadWatchesWholeFoldersAndSaysSo() {
		assertThat(notices("""
				reload:
				  patterns: [".php"]
				  services:
				    http:
				      dirs: ["."]
				      recursive: true
				""")).containsExactly(
				"WARN .rr.yaml:2: reload.patterns is accepted and has no effect: any change to the class path or "
						+ "to a watched folder restarts (see docs/configuration.md).",
				"WARN .rr.yaml:6: reload.services.http.recursive has no effect: a service's dirs are watched whole, "
						+ "every file in them.");
	}

}
