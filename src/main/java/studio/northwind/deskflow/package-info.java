/** DeskFlow: services {@code welcome}, {@code task} and {@code project}, organised by feature. */
package studio.northwind.deskflow;
