package dev.moonlight.dispatch;

/**
 * One file part of a multipart request, held in memory (bounded by
 * {@code http.max_request_size}).
 */
public record UploadedFile(String field, String filename, String contentType, byte[] content) {

	public long size() {
		return content.length;
	}

}
