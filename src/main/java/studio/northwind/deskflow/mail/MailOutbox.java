package studio.northwind.deskflow.mail;

import java.util.List;

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
	 * @return false when the job had already written it (a second delivery of the same job)
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

	/** The messages sent to {@code to}, oldest first. */
	List<Mail> sentTo(String to) {
		return jdbc.sql("SELECT recipient, subject, body FROM mail_outbox WHERE recipient = :to ORDER BY id")
			.param("to", to)
			.query((rs, row) -> new Mail(rs.getString("recipient"), rs.getString("subject"), rs.getString("body")))
			.list();
	}

}
