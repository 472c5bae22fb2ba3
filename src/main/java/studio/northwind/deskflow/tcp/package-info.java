/**
 * DeskFlow's TCP servers: the envelope API as JSON lines ({@code nc 127.0.0.1 7070}) and
 * a greeting SMTP server for local mail tools.
 */
package studio.northwind.deskflow.tcp;
