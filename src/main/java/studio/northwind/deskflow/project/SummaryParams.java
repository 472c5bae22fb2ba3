package studio.northwind.deskflow.project;

/**
 * The parameters of {@code project.summary}.
 *
 * @param projectId the project to count, or {@code null} for every task
 */
public record SummaryParams(Long projectId) {

}
