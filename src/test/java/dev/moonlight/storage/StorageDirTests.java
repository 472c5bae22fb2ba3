package dev.moonlight.storage;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorageDirTests {

	private static final Path PROJECT = Path.of("/srv/deskflow");

	@Test
	void storageUnderTheProjectUnlessMoved() {
		assertThat(StorageDir.of(PROJECT, Map.<String, String>of()::get).path())
			.isEqualTo(Path.of("/srv/deskflow/storage"));
		assertThat(StorageDir.of(PROJECT, Map.of(StorageDir.VARIABLE, " ")::get).path())
			.isEqualTo(Path.of("/srv/deskflow/storage"));
	}

	@Test
	void theVariableMovesItAndARelativePathIsTakenFromTheProject() {
		assertThat(StorageDir.of(PROJECT, Map.of(StorageDir.VARIABLE, "/var/lib/deskflow")::get).path())
			.isEqualTo(Path.of("/var/lib/deskflow"));
		assertThat(StorageDir.of(PROJECT, Map.of(StorageDir.VARIABLE, "../state")::get).path())
			.isEqualTo(Path.of("/srv/state"));
	}

	@Test
	void theSpringPropertyOutranksTheVariable() {
		StorageDir storage = StorageDir.of(PROJECT, Map.of(StorageDir.PROPERTY, "/a", StorageDir.VARIABLE, "/b")::get);
		assertThat(storage.path()).isEqualTo(Path.of("/a"));
		assertThat(storage.data()).isEqualTo(Path.of("/a/data"));
		assertThat(storage.run()).isEqualTo(Path.of("/a/run"));
		assertThat(storage.logs()).isEqualTo(Path.of("/a/logs"));
	}

}
