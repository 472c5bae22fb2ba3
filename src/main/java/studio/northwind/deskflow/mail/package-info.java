/**
 * DeskFlow's mail: the {@code mail} service that jobs call to notify members
 * ({@code send_assignment}, {@code send_welcome}), writing each message to the
 * {@code mail_outbox} table instead of an SMTP server.
 */
package studio.northwind.deskflow.mail;
