package studio.northwind.deskflow;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.moonlight.cli.MoonlightCli;
import dev.moonlight.config.ProjectDefaults;

/**
 * DeskFlow, Northwind Studio's task board: the reference application of Moonlight. Its
 * jar carries the project's settings.ini and .rr.yaml ({@link ProjectDefaults}), so
 * {@code java -jar deskflow.jar} boots in an empty folder.
 */
@SpringBootApplication
@ProjectDefaults(name = "deskflow-api")
public class DeskFlowApplication {

	public static void main(String[] args) {
		MoonlightCli.main(DeskFlowApplication.class, args);
	}

}
