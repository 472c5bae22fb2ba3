package dev.moonlight.aot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

/**
 * The metadata of a condition's source, a class or a bean method ({@code Class#method}),
 * read from the class file as Spring reads configuration classes: reflection would load
 * every type the class's methods name. Each class file is read once.
 */
final class SourceMetadata {

	private final Map<String, AnnotatedTypeMetadata> sources = new HashMap<>();

	private final MetadataReaderFactory classFiles;

	SourceMetadata(ResourceLoader resourceLoader) {
		this.classFiles = new SimpleMetadataReaderFactory(resourceLoader);
	}

	/**
	 * The source's metadata.
	 * @throws UncheckedIOException when its class file cannot be read
	 * @throws IllegalStateException when the class has no such method
	 */
	AnnotatedTypeMetadata of(String source) {
		return this.sources.computeIfAbsent(source, (key) -> {
			int hash = key.indexOf('#');
			String type = (hash < 0) ? key : key.substring(0, hash);
			AnnotationMetadata metadata;
			try {
				metadata = this.classFiles.getMetadataReader(type).getAnnotationMetadata();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return (hash < 0) ? metadata : method(metadata, key.substring(hash + 1));
		});
	}

	/** The bean method; overloads of one name carry the same annotations in practice. */
	private static AnnotatedTypeMetadata method(AnnotationMetadata type, String name) {
		return type.getDeclaredMethods()
			.stream()
			.filter((candidate) -> candidate.getMethodName().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no method " + name + " on " + type.getClassName()));
	}

}
