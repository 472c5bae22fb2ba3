package studio.northwind.deskflow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.tcp.TcpServers;
import dev.moonlight.testing.LineClient;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DeskFlow's two TCP servers from the shipped .rr.yaml, driven as the README's {@code nc}
 * session drives them.
 */
class DeskFlowTcpTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static RunningApp app;

	private static TcpServers servers;

	@BeforeAll
	static void start() {
		app = ShippedConfig.deskflow()
			.property(ShippedConfig.TCP_ENVELOPE_ON_FREE_PORT)
			.property(ShippedConfig.TCP_SMTP_ON_FREE_PORT)
			.start();
		servers = app.bean(TcpServers.class);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static JsonNode line(LineClient client, String json) {
		return JSON.readTree(client.write(json + "\n").readLine());
	}

	@Test
	void theEnvelopeServerAnswersTheReadmesSession() {
		try (LineClient nc = LineClient.connect(servers.port("envelope"), "\n")) {
			assertThat(line(nc, "{\"service\":\"welcome\",\"action\":\"ping\"}").get("returnMessage").asString())
				.isEqualTo("Welcome to deskflow-api");
			JsonNode login = line(nc,
					"{\"service\":\"member\",\"action\":\"login\",\"email\":\"alex@northwind.studio\","
							+ "\"password\":\"secret\"}");
			String token = login.at("/returnData/token").asString();
			assertThat(line(nc, "{\"service\":\"task\",\"action\":\"create\",\"title\":\"Over TCP\"}").get("returnCode")
				.asInt()).as("writing needs a login here too").isEqualTo(401);
			assertThat(line(nc, "{\"auth\":\"" + token + "\"}").get("returnMessage").asString())
				.isEqualTo("Authenticated");
			JsonNode created = line(nc, "{\"service\":\"task\",\"action\":\"create\",\"title\":\"Over TCP\"}");
			assertThat(created.get("returnMessage").asString()).isEqualTo("Task created");
			JsonNode got = line(nc, "{\"service\":\"task\",\"action\":\"get\",\"id\":"
					+ created.at("/returnData/task/id").asInt() + "}");
			assertThat(got.at("/returnData/task/title").asString()).isEqualTo("Over TCP");
			assertThat(line(nc, "{\"service\":\"task\",\"action\":\"list\",\"status\":\"nonsense\"").get("returnCode")
				.asInt()).isEqualTo(400);
		}
	}

	@Test
	void theSmtpServerGreetsAnswersHeloAndQuits() {
		try (LineClient smtp = LineClient.connect(servers.port("smtp"))) {
			assertThat(smtp.readLine()).isEqualTo("220 deskflow");
			assertThat(smtp.line("EHLO client.local").readLine()).isEqualTo("250 deskflow");
			assertThat(smtp.line("helo client.local").readLine()).isEqualTo("250 deskflow");
			assertThat(smtp.line("NOOP").readLine()).isEqualTo("250 OK");
			assertThat(smtp.line("MAIL FROM:<alex@northwind.studio>").readLine())
				.isEqualTo("502 command not implemented");
			assertThat(smtp.line("QUIT").readLine()).isEqualTo("221 deskflow closing");
			assertThat(smtp.closedByServer()).isTrue();
		}
	}

	@Test
	void theShippedEnvExampleTurnsBothServersOnAtFixedLoopbackPorts() {
		assertThat(ShippedConfig.envExample()).contains("TCP_ENVELOPE_ADDR=tcp://127.0.0.1:7070",
				"TCP_SMTP_ADDR=tcp://127.0.0.1:2525");
		assertThat(ShippedConfig.rrYaml()).contains("addr: ${TCP_ENVELOPE_ADDR:-}", "addr: ${TCP_SMTP_ADDR:-}");
		assertThat(servers.servers()).containsExactly("envelope", "smtp");
	}

}
