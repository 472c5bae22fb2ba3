package studio.northwind.deskflow.mail;

import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.MoonlightService;
import dev.moonlight.dispatch.RequestId;
import dev.moonlight.security.Can;

/**
 * The {@code mail} service: the messages DeskFlow sends, written to the outbox. Its
 * actions are for jobs: they need {@value #SEND}, which no member holds, and jobs that
 * send mail run as {@link #SENDER}. A job runs at least once, so each action writes its
 * message once per job id (the job id is the call's request id).
 */
@MoonlightService("mail")
@Can(MailService.SEND)
public class MailService {

	/** The permission to send mail. */
	public static final String SEND = "mail.send";

	/** The caller mail jobs run as: DeskFlow itself, allowed to send mail. */
	public static final Caller SENDER = new Caller("deskflow-mailer", "DeskFlow mailer", Set.of(SEND), Map.of());

	private static final Logger logger = LoggerFactory.getLogger(MailService.class);

	private final MailOutbox outbox;

	MailService(MailOutbox outbox) {
		this.outbox = outbox;
	}

	@Action(message = "Sent")
	public Map<String, Object> sendAssignment(AssignmentMail params, @RequestId String jobId) {
		return send(new Mail(params.assignee(), "You have a new task: " + params.title(), "Hello,\n\nTask #"
				+ params.taskId() + " \"" + params.title() + "\" is now yours on DeskFlow.\n\nNorthwind Studio"),
				jobId);
	}

	@Action(message = "Sent")
	public Map<String, Object> sendWelcome(WelcomeMail params, @RequestId String jobId) {
		return send(new Mail(params.email(), "Welcome to DeskFlow, " + params.name(), "Hello " + params.name()
				+ ",\n\nyour DeskFlow account is ready. Log in with " + params.email() + ".\n\nNorthwind Studio"),
				jobId);
	}

	private Map<String, Object> send(Mail mail, String jobId) {
		boolean written = outbox.write(mail, jobId);
		if (written) {
			logger.info("Mail to {} written to the outbox: {}", mail.to(), mail.subject());
		}
		else {
			logger.info("Mail of job {} is already in the outbox; not written twice", jobId);
		}
		return Map.of("to", mail.to(), "subject", mail.subject(), "written", written);
	}

}
