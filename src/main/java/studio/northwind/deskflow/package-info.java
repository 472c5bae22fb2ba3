/**
 * DeskFlow: services {@code welcome}, {@code task}, {@code project} and {@code member},
 * organised by feature.
 */
package studio.northwind.deskflow;
