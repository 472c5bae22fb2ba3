/**
 * DeskFlow's system feature: {@code welcome.ping}, the {@code v1} switch, and the
 * development seed data.
 */
package studio.northwind.deskflow.system;
