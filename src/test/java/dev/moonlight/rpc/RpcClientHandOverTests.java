package dev.moonlight.rpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.Origin;
import dev.moonlight.storage.StorageDir;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reload's hand-over as the command line meets it: the old process's admin listener
 * takes a call and closes under it (the connection reset before an answer) while the
 * address file already names the new process, a real server here. A call that reads or
 * sets a switch is sent again and answered by the new one; one that may have run
 * ({@code jobs.retry}) is not. A refused connection is tried again while the address file
 * names a live server, and fails at once when no server runs.
 */
class RpcClientHandOverTests {

	@Test
	void aReadBrokenAtTheHandOverIsSentAgainToTheNewProcess() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start();
				ClosingListener old = ClosingListener.open(app.projectDir())) {
			RpcReply status = client(app.projectDir()).call("status");
			assertThat(status.ok()).as("%s", status).isTrue();
			assertThat(status.result().path("rpc").asString())
				.isEqualTo("tcp://127.0.0.1:" + app.bean(RpcServer.class).port());
			assertThat(old.requests()).as("the old listener took the first send").hasSize(1);
			assertThat(old.requests().get(0)).contains("\"method\":\"status\"");
		}
	}

	@Test
	void aSwitchBrokenAtTheHandOverIsSetByTheNewProcess() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start();
				ClosingListener old = ClosingListener.open(app.projectDir())) {
			RpcClient client = client(app.projectDir());
			RpcReply on = client.call("maintenance.on");
			assertThat(on.ok()).as("%s", on).isTrue();
			assertThat(old.requests()).hasSize(1);
			assertThat(client.call("status").result().path("maintenance").path("enabled").asBoolean()).isTrue();
		}
	}

	@Test
	void aCallThatMayHaveRunIsNotSentAgain() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start();
				ClosingListener old = ClosingListener.open(app.projectDir())) {
			assertThatThrownBy(() -> client(app.projectDir()).call("jobs.retry")).isInstanceOf(IOException.class)
				.hasMessageContaining("before an answer")
				.hasMessageContaining("It may have run");
			assertThat(old.requests()).hasSize(1);
		}
	}

	@Test
	void aRefusedCallIsTriedAgainWhileTheAddressFileNamesALiveServer() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			Path file = app.projectDir().resolve(RpcAddressFile.PATH);
			String newProcess = Files.readString(file);
			// The old process's listener, closed: its port refuses.
			Files.writeString(file,
					"address=tcp://127.0.0.1:" + closedPort() + "\npid=" + ProcessHandle.current().pid() + "\n");
			// The new process writes its address a moment later.
			CompletableFuture<Void> written = CompletableFuture.runAsync(() -> write(file, newProcess),
					CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
			RpcReply status = client(app.projectDir()).call("status");
			assertThat(status.ok()).as("%s", status).isTrue();
			written.get(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void aRefusedCallFailsAtOnceWhenNoServerRuns(@TempDir Path project) {
		long started = System.nanoTime();
		assertThatThrownBy(() -> client(project, "tcp://127.0.0.1:" + closedPort()).call("status"))
			.isInstanceOf(RpcClient.NotRunningException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not tried again")
			.isLessThan(RpcClient.HAND_OVER.dividedBy(2));
	}

	private static RpcClient client(Path project) {
		return client(project, "tcp://127.0.0.1:1");
	}

	private static RpcClient client(Path project, String listen) {
		RpcSettings settings = RpcSettings.parse(new ConfigValue(listen, new Origin(".rr.yaml", 0, "rpc.listen")),
				null);
		return new RpcClient(settings, StorageDir.of(project, (name) -> null), Duration.ofSeconds(10));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void write(Path file, String content) {
		try {
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The old process at its hand-over: the address file names its listener (and a live
	 * pid), it takes one call, puts the new process's address back in the file, and
	 * resets the connection without answering as its listener closes.
	 */
	private static final class ClosingListener implements AutoCloseable {

		private final ServerSocket listener;

		private final List<String> requests = new CopyOnWriteArrayList<>();

		private final CompletableFuture<Void> closed;

		private ClosingListener(Path file, String newProcess) throws IOException {
			this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Files.writeString(file, "address=tcp://127.0.0.1:" + listener.getLocalPort() + "\npid="
					+ ProcessHandle.current().pid() + "\n");
			this.closed = CompletableFuture.runAsync(() -> takeOneAndClose(file, newProcess));
		}

		static ClosingListener open(Path project) throws IOException {
			Path file = project.resolve(RpcAddressFile.PATH);
			return new ClosingListener(file, Files.readString(file));
		}

		private void takeOneAndClose(Path file, String newProcess) {
			try (ServerSocket closing = listener; Socket call = closing.accept()) {
				requests.add(new BufferedReader(new InputStreamReader(call.getInputStream(), StandardCharsets.UTF_8))
					.readLine());
				write(file, newProcess);
				call.setSoLinger(true, 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		List<String> requests() {
			return requests;
		}

		@Override
		public void close() throws Exception {
			listener.close();
			closed.handle((done, failed) -> null).get(10, TimeUnit.SECONDS);
		}

	}

}
