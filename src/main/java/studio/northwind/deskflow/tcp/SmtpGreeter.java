package studio.northwind.deskflow.tcp;

import java.net.InetAddress;
import java.util.Locale;

import dev.moonlight.tcp.TcpAnswer;
import dev.moonlight.tcp.TcpEvent;
import dev.moonlight.tcp.TcpHandler;
import dev.moonlight.tcp.TcpWorker;

/**
 * The {@code smtp} server, RoadRunner's TCP example: greets with {@code 220 deskflow},
 * answers {@code HELO}, {@code EHLO}, {@code NOOP}, {@code RSET} and {@code QUIT} as a
 * minimal SMTP server, and nothing else (502). It is for mail tools on this machine only,
 * so clients from other addresses are refused with 554 before the greeting.
 */
@TcpWorker("smtp")
final class SmtpGreeter implements TcpHandler {

	static final String GREETING = "220 deskflow";

	@Override
	public TcpAnswer handle(TcpEvent event) {
		return switch (event.kind()) {
			case CONNECTED -> accepts(event.remoteAddress().getAddress()) ? line(GREETING)
					: TcpAnswer.respondClose("554 deskflow accepts local clients only\r\n");
			case DATA -> command(event.bodyText().strip());
			case CLOSE -> TcpAnswer.read();
		};
	}

	/** Loopback clients only: the greeter is a local development tool, never a relay. */
	static boolean accepts(InetAddress client) {
		return client != null && client.isLoopbackAddress();
	}

	private static TcpAnswer command(String line) {
		int space = line.indexOf(' ');
		String verb = ((space < 0) ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
		return switch (verb) {
			case "HELO", "EHLO" -> line("250 deskflow");
			case "NOOP", "RSET" -> line("250 OK");
			case "QUIT" -> TcpAnswer.respondClose("221 deskflow closing\r\n");
			case "" -> line("500 empty command");
			default -> line("502 command not implemented");
		};
	}

	/** SMTP lines always end with CRLF, whatever the server's delimiter. */
	private static TcpAnswer line(String text) {
		return TcpAnswer.respond(text + "\r\n");
	}

}
