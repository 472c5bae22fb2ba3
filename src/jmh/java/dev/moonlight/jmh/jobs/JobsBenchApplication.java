package dev.moonlight.jmh.jobs;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the jobs benchmark boots: Moonlight with nothing but {@link TickService}, so the time measured is
 * the jobs machinery's (queue, claim, dispatch, settle), not an action's.
 */
@SpringBootApplication
public class JobsBenchApplication {

}
