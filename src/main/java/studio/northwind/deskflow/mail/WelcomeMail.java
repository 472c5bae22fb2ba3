package studio.northwind.deskflow.mail;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

/**
 * The parameters of {@code mail.send_welcome}, as {@code member.register} queues them.
 *
 * @param name the new member's name
 * @param email their email
 */
public record WelcomeMail(@NotBlank String name, @NotBlank @Email String email) {

}
