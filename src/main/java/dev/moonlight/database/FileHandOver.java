package dev.moonlight.database;

/**
 * A pool's connection source that reaches an embedded H2 file through the process that
 * has it open, until it opens the file itself (a reload's new process). The file's crash
 * marks and index repair wait until then: done through the other process, they would mark
 * a file this process never opened, and rebuild indexes of a live database.
 */
public interface FileHandOver {

	/**
	 * Runs {@code action} once this process has opened the file itself (at once if it
	 * has).
	 */
	void whenFileOpened(Runnable action);

	/** Whether this process has opened the file itself. */
	boolean fileOpened();

}
