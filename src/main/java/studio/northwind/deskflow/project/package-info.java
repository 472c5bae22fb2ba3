/**
 * DeskFlow's projects: the generic {@code project} service over the {@code projects}
 * table, and the {@link studio.northwind.deskflow.project.ExistingProject} constraint
 * other features use to refer to a project.
 */
package studio.northwind.deskflow.project;
