package dev.moonlight.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code http.uploads} over the wire: where files spill, which are refused. */
class UploadsTests {

	private static WebTestClient.ResponseSpec upload(RunningApp app, String field, String filename, byte[] content) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("service", "notes");
		parts.part("action", "upload");
		parts.part(field, new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return filename;
			}
		}).contentType(MediaType.APPLICATION_OCTET_STREAM);
		return app.client().post().uri("/api/v1/").body(BodyInserters.fromMultipartData(parts.build())).exchange();
	}

	@Test
	void roadRunnersDefaultForbiddenExtensionIsA422NamingTheField() {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			upload(app, "attachment", "shell.PHP", "<?php".getBytes()).expectStatus()
				.isEqualTo(422)
				.expectBody()
				.jsonPath("$.returnCode")
				.isEqualTo(422)
				.jsonPath("$.returnData.errors.attachment[0]")
				.isEqualTo("files ending in .php are refused (http.uploads.forbid)");
			upload(app, "attachment", "notes.txt", "hello".getBytes()).expectStatus().isOk();
		}
	}

	@Test
	void allowIsAWhitelistAndForbidWinsOverIt() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("http:\n  uploads:\n    forbid: [\".svg\"]\n    allow: [\".png\", \"svg\"]\n")
			.start()) {
			upload(app, "avatar", "me.png", new byte[] { 1, 2, 3 }).expectStatus().isOk();
			upload(app, "avatar", "me.jpg", new byte[] { 1 }).expectStatus()
				.isEqualTo(422)
				.expectBody()
				.jsonPath("$.returnData.errors.avatar[0]")
				.isEqualTo("files ending in .jpg are refused (http.uploads.allow)");
			upload(app, "avatar", "me.svg", new byte[] { 1 }).expectStatus()
				.isEqualTo(422)
				.expectBody()
				.jsonPath("$.returnData.errors.avatar[0]")
				.isEqualTo("files ending in .svg are refused (http.uploads.forbid)");
			// A forbid list of one's own replaces RoadRunner's; allow still refuses .php.
			upload(app, "avatar", "shell.php", new byte[] { 1 }).expectStatus().isEqualTo(422);
		}
	}

	@Test
	void aLargeFileSpillsIntoTheUploadsDirAndIsDeletedOnceRead() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("http:\n  uploads:\n    dir: storage/uploads\n")
			.start(); WatchService watcher = java.nio.file.FileSystems.getDefault().newWatchService()) {
			Path dir = app.projectDir().resolve("storage/uploads");
			assertThat(dir).as("made at boot").isDirectory();
			dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
			byte[] content = "x".repeat(100 * 1024).getBytes();
			upload(app, "attachment", "big.txt", content).expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.returnData.files[0].size")
				.isEqualTo(content.length);
			WatchKey key = watcher.poll(10, TimeUnit.SECONDS);
			assertThat(key).as("a file was created in http.uploads.dir").isNotNull();
			assertThat(key.pollEvents()).isNotEmpty();
			try (Stream<Path> left = Files.list(dir)) {
				assertThat(left).as("the spilled file is deleted once read").isEmpty();
			}
		}
	}

}
