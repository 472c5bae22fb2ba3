package dev.moonlight.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.config.DatabaseSettings.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class MoonlightConfigLoaderTests {

	@TempDir
	Path dir;

	private TestProject project;

	@BeforeEach
	void project() {
		this.project = TestProject.in(this.dir);
	}

	@Test
	void projectWithoutFilesGetsDefaults() {
		MoonlightSettings settings = this.project.load();
		assertThat(settings.projectDir()).isEqualTo(this.dir.toAbsolutePath().normalize());
		assertThat(settings.app()).isEqualTo(new AppSettings("moonlight", false));
		assertThat(settings.listen()).isEqualTo(new ListenAddress("127.0.0.1", 8000));
		assertThat(settings.http().pool().numWorkers()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(settings.switches()).isEmpty();
		assertThat(settings.database().kind()).isEqualTo(Kind.H2);
		assertThat(settings.files().ini().sections()).isEmpty();
		assertThat(settings.files().rr().has("http")).isFalse();
	}

	@Test
	void readsAllThreeFiles() {
		MoonlightSettings settings = this.project.dotEnv(TestProject.resource("env-full.env"))
			.ini(TestProject.resource("settings-full.ini"))
			.rr(TestProject.resource("rr-full.yaml"))
			.load();
		assertThat(settings.app()).as("APP_NAME and DEBUG from .env").isEqualTo(new AppSettings("deskflow-api", true));
		assertThat(settings.listen()).as("PORT from .env, HOST from settings.ini")
			.isEqualTo(new ListenAddress("0.0.0.0", 8200));
		assertThat(settings.http().pool().numWorkers()).isEqualTo(6);
		assertThat(settings.http().pool().execTtl()).isEqualTo(Duration.ofMillis(1500));
		assertThat(settings.files().dotEnv().get("JWT_SECRET")).isPresent();
		assertThat(settings.files().ini().hasSection("cors")).isTrue();
		assertThat(settings.files().rr().getString("rpc.listen", null)).isEqualTo("tcp://127.0.0.1:6001");
	}

	@Test
	void readsAppSwitchesInFileOrder() {
		List<SwitchEntry> switches = this.project.ini(TestProject.resource("settings-full.ini")).load().switches();
		assertThat(switches).containsExactly(
				new SwitchEntry("v1", "studio.northwind.deskflow.system.MainSwitch",
						new Origin(IniDocument.FILE, 11, "[app_switches] v1")),
				new SwitchEntry("v2", "studio.northwind.deskflow.system.V2Switch",
						new Origin(IniDocument.FILE, 12, "[app_switches] v2")));
	}

	@Test
	void switchVersionMustBeALowercaseUrlSegment() {
		this.project.ini("[app_switches]\nv1 = a.Main\nV2 = a.Other\n");
		this.project.failsToLoad()
			.withMessage("environment/settings.ini:3: [app_switches] V2 = \"V2\": "
					+ "Version must be a lowercase URL segment such as v1, v2 or beta.");
	}

	@Test
	void switchNeedsAClassName() {
		this.project.ini("[app_switches]\nv1 =\n");
		this.project.failsToLoad()
			.withMessageStartingWith("environment/settings.ini:2: [app_switches] v1 = \"\": Name the switch class");
	}

	@Test
	void debugAcceptsAppDebugAndRejectsNonsense() {
		assertThat(this.project.env("APP_DEBUG", "on").load().app().debug()).isTrue();
		assertThat(this.project.env("DEBUG", "0").load().app().debug()).as("DEBUG is read before APP_DEBUG").isFalse();
		this.project.env("DEBUG", "maybe");
		this.project.failsToLoad()
			.withMessage(
					"process environment: DEBUG = \"maybe\": Expected a boolean: true/false, on/off, yes/no or 1/0.");
	}

	@Test
	void noticesReachTheGivenConsumer() {
		this.project.rr(TestProject.resource("rr-pool.yaml"));
		List<ConfigNotice> notices = new ArrayList<>();
		MoonlightConfigLoader.load(this.dir, (name) -> null, CliOverrides.none(), notices::add);
		assertThat(notices).as("max_jobs and max_worker_memory mean something now; these two do not")
			.extracting(ConfigNotice::toString)
			.containsExactly(
					".rr.yaml:15: http.pool.dynamic_allocator.max_workers is a RoadRunner worker-process setting and is"
							+ " ignored: the pool has a fixed number of threads.",
					".rr.yaml:16: http.pool.num_wrokers is not a pool key and is ignored; check the spelling.");
	}

	@Test
	void threeArgumentLoadLogsNoticesItself() {
		this.project.rr("http:\n  pool:\n    reset_timeout: 1s\n");
		assertThat(MoonlightConfigLoader.load(this.dir, (name) -> null, CliOverrides.none()).listen().port())
			.isEqualTo(8000);
	}

	@Test
	void fileThatIsNotUtf8IsReported() throws Exception {
		Files.createDirectories(this.dir.resolve("environment"));
		Files.write(this.dir.resolve(DotEnv.FILE), new byte[] { 'A', '=', (byte) 0xC3, (byte) 0x28 });
		this.project.failsToLoad().withMessage("environment/.env: The file is not valid UTF-8; save it as UTF-8.");
	}

	@Test
	void unreadableFileIsReported() throws Exception {
		Files.createDirectories(this.dir.resolve(RrYaml.FILE));
		this.project.failsToLoad().withMessageStartingWith(".rr.yaml: Cannot read the file");
	}

}
