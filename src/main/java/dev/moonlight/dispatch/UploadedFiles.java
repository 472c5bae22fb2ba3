package dev.moonlight.dispatch;

import java.util.List;
import java.util.Optional;

/**
 * The files of a multipart request, kept apart from the parameters as Pionia's
 * {@code FileBag} is.
 */
public record UploadedFiles(List<UploadedFile> all) {

	public static final UploadedFiles NONE = new UploadedFiles(List.of());

	public UploadedFiles {
		all = List.copyOf(all);
	}

	/** The first file sent under {@code field}. */
	public Optional<UploadedFile> get(String field) {
		return all.stream().filter((file) -> file.field().equals(field)).findFirst();
	}

	public boolean isEmpty() {
		return all.isEmpty();
	}

}
