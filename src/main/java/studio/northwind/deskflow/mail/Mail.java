package studio.northwind.deskflow.mail;

/**
 * One message of the outbox.
 *
 * @param to the recipient's address
 * @param subject the subject line
 * @param body the plain-text body
 */
public record Mail(String to, String subject, String body) {

}
