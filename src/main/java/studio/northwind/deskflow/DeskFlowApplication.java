package studio.northwind.deskflow;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.moonlight.cli.MoonlightCli;

/** DeskFlow, Northwind Studio's task board: the reference application of Moonlight. */
@SpringBootApplication
public class DeskFlowApplication {

	public static void main(String[] args) {
		MoonlightCli.main(DeskFlowApplication.class, args);
	}

}
