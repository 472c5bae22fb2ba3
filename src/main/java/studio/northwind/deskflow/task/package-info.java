/**
 * DeskFlow's tasks: the hand-written {@code task} service, its repository, the
 * {@link studio.northwind.deskflow.task.Task} record and the parameter records its
 * actions bind and validate.
 */
package studio.northwind.deskflow.task;
