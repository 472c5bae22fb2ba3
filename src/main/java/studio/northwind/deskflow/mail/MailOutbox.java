package studio.northwind.deskflow.mail;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mail_outbox} table: one row per message "sent". */
@Repository
class MailOutbox {

	private final JdbcClient jdbc;

	MailOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Writes a message once per job.
	 * @return false when the job had already written it (a second delivery of the same
	 * job)
	 */
	boolean write(Mail mail, String jobId) {
		try {
			jdbc.sql("INSERT INTO mail_outbox (recipient, subject, body, job_id) VALUES (:to, :subject, :body, :job)")
				.param("to", mail.to())
				.param("subject", mail.subject())
				.param("body", mail.body())
				.param("job", jobId)
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

}
