package dev.moonlight.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

import dev.moonlight.config.DatabaseSettings;
import dev.moonlight.pool.HeapWatch;
import dev.moonlight.storage.StorageDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What a reload refuses before it starts anything, each with a reason the {@code reload}
 * command prints (and, for a server still starting or already stopping, retries on). The
 * reload itself runs over real processes in DeskFlowReloadContract.
 */
class ReloaderTests {

	private static final long MB = 1024 * 1024;

	private static final DatabaseSettings POSTGRES = new DatabaseSettings(DatabaseSettings.Kind.POSTGRESQL,
			"jdbc:postgresql://127.0.0.1:5432/deskflow", "deskflow", null);

	@TempDir
	Path storage;

	private final GenericApplicationContext context = new GenericApplicationContext();

	@Test
	void aServerThatDoesNotServeYetRefusesSoThatTheCommandTriesAgain() {
		Reloader reloader = reloader(POSTGRES);
		assertThatExceptionOfType(ReloadRefusedException.class).isThrownBy(reloader::start)
			.withMessageStartingWith(Reloader.STARTING)
			.withMessageContaining("try again once it serves");
	}

	@Test
	void aServerThatStopsRefusesSoThatTheCommandReachesTheOneThatServesOn() {
		Reloader reloader = reloader(POSTGRES);
		reloader.onApplicationEvent(new AvailabilityChangeEvent<>(this.context, ReadinessState.ACCEPTING_TRAFFIC));
		reloader.onApplicationEvent(new ContextClosedEvent(this.context));
		assertThatExceptionOfType(ReloadRefusedException.class).isThrownBy(reloader::start)
			.withMessageStartingWith(Reloader.STOPPING);
	}

	@Test
	void aDatabaseInMemoryOrBehindItsOwnAutoServerIsRefusedWithWhatToDoInstead() {
		Reloader memory = reloader(
				new DatabaseSettings(DatabaseSettings.Kind.H2, "jdbc:h2:mem:shop;MODE=PostgreSQL", "sa", null));
		memory.onApplicationEvent(new AvailabilityChangeEvent<>(this.context, ReadinessState.ACCEPTING_TRAFFIC));
		assertThatExceptionOfType(ReloadRefusedException.class).isThrownBy(memory::start)
			.withMessageContaining("this server's H2 database lives in its memory (jdbc:h2:mem:shop)")
			.withMessageContaining("use PostgreSQL (DATABASE_URL) or an H2 server (jdbc:h2:tcp://...)");
		Reloader autoServer = reloader(new DatabaseSettings(DatabaseSettings.Kind.H2,
				"jdbc:h2:file:/srv/shop/data/shop;AUTO_SERVER=TRUE", "sa", null));
		autoServer.onApplicationEvent(new AvailabilityChangeEvent<>(this.context, ReadinessState.ACCEPTING_TRAFFIC));
		assertThatExceptionOfType(ReloadRefusedException.class).isThrownBy(autoServer::start)
			.withMessageContaining("AUTO_SERVER=TRUE");
	}

	@Test
	void anH2DatabaseInAnotherOfItsFileSystemsIsRefusedWithWhatToDoInstead() {
		Reloader nio = reloader(
				new DatabaseSettings(DatabaseSettings.Kind.H2, "jdbc:h2:nio:/srv/shop/data/shop", "sa", null));
		nio.onApplicationEvent(new AvailabilityChangeEvent<>(this.context, ReadinessState.ACCEPTING_TRAFFIC));
		assertThatExceptionOfType(ReloadRefusedException.class).isThrownBy(nio::start)
			.withMessageContaining("an H2 database in a plain file (jdbc:h2:file:...)")
			.withMessageContaining("stopserver, then runserver");
	}

	@Test
	void anEmbeddedFileIsHandedOverAndAServerIsNot() {
		assertThat(Reloader.embeddedFile(new DatabaseSettings(DatabaseSettings.Kind.H2,
				"jdbc:h2:file:/srv/shop/storage/data/shop;MODE=PostgreSQL", "sa", null)))
			.isTrue();
		assertThat(Reloader.embeddedFile(
				new DatabaseSettings(DatabaseSettings.Kind.H2, "jdbc:h2:tcp://127.0.0.1:9092/shop", "sa", null)))
			.isFalse();
		assertThat(Reloader.embeddedFile(POSTGRES)).isFalse();
	}

	@Test
	void aFailedReloadArmsTheMemoryFailswitchAgain() {
		List<String> reloads = new CopyOnWriteArrayList<>();
		HeapWatch heap = new HeapWatch(100, (why) -> {
			reloads.add(why);
			return null;
		}, Duration.ZERO);
		try {
			heap.onApplicationEvent(new AvailabilityChangeEvent<>(this.context, ReadinessState.ACCEPTING_TRAFFIC));
			heap.afterCollection(60 * MB);
			for (int i = 0; i < 6; i++) {
				heap.afterCollection(150 * MB);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> reloads.size() == 1);
			DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
			beans.registerSingleton("heap", heap);
			new MemoryFailswitchRearm(beans.getBeanProvider(HeapWatch.class))
				.onApplicationEvent(new ReloadFailed(reloader(POSTGRES), 42));
			for (int i = 0; i < 3; i++) {
				heap.afterCollection(150 * MB);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> reloads.size() == 2);
		}
		finally {
			heap.destroy();
		}
	}

	private Reloader reloader(DatabaseSettings database) {
		return new Reloader(new StorageDir(this.storage), database, () -> {
			throw new AssertionError("no database is shared");
		}, () -> {
			throw new AssertionError("nothing may stop");
		}, Duration.ofSeconds(5), (event) -> {
			throw new AssertionError("no reload may hand over");
		});
	}

}
