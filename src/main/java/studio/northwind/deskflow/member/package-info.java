/**
 * DeskFlow's members: {@code member.register}, {@code member.login} (a JWT for the bearer
 * backend) and {@code member.profile}. Password hashes stay inside this package; no
 * record that leaves it carries one.
 */
package studio.northwind.deskflow.member;
