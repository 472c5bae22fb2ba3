package studio.northwind.deskflow.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.moonlight.tcp.TcpAnswer;
import dev.moonlight.tcp.TcpEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The greeter's refusal of other machines, which a test on loopback cannot reach over the
 * wire.
 */
class SmtpGreeterTests {

	@Test
	void onlyLoopbackClientsAreAccepted() throws UnknownHostException {
		assertThat(SmtpGreeter.accepts(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(SmtpGreeter.accepts(InetAddress.getByName("127.8.9.10"))).isTrue();
		assertThat(SmtpGreeter.accepts(InetAddress.getByName("::1"))).isTrue();
		assertThat(SmtpGreeter.accepts(InetAddress.getByName("10.0.0.7"))).isFalse();
		assertThat(SmtpGreeter.accepts(InetAddress.getByName("203.0.113.9"))).isFalse();
		assertThat(SmtpGreeter.accepts(InetAddress.getByName("::ffff:192.168.1.5"))).isFalse();
		assertThat(SmtpGreeter.accepts(null)).isFalse();
	}

	@Test
	void aRemoteClientIsRefusedWith554BeforeAnyGreeting() {
		TcpAnswer answer = new SmtpGreeter().handle(new TcpEvent(TcpEvent.Kind.CONNECTED, "smtp", UUID.randomUUID(),
				new InetSocketAddress("203.0.113.9", 40000), new byte[0]));
		assertThat(answer.kind()).isEqualTo(TcpAnswer.Kind.RESPOND_CLOSE);
		assertThat(new String(answer.body(), StandardCharsets.UTF_8))
			.isEqualTo("554 deskflow accepts local clients only\r\n");
	}

}
