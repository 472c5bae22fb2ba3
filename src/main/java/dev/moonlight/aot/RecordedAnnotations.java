package dev.moonlight.aot;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * The annotations directly on a condition's source, written as text at build time so a
 * boot asks the condition again without reading class files (tens of milliseconds of a
 * boot's main thread). Only annotations whose attributes are strings, primitives, enums,
 * classes or arrays of them are written; a source with another (a nested annotation) is
 * read from its class file at boot, as before.
 * <p>
 * The text is {@code type?attribute=value&attribute=2:value,value}, one annotation after
 * another separated by a space, each value URL-encoded, an array's values after their
 * count.
 */
final class RecordedAnnotations {

	private RecordedAnnotations() {
	}

	/**
	 * The text of {@code metadata}'s direct annotations, or empty when one cannot be
	 * written.
	 */
	static Optional<String> write(AnnotatedTypeMetadata metadata) {
		StringJoiner text = new StringJoiner(" ");
		for (MergedAnnotation<Annotation> annotation : metadata.getAnnotations()) {
			if (!annotation.isDirectlyPresent()) {
				continue;
			}
			StringJoiner attributes = new StringJoiner("&");
			for (Method attribute : annotation.getType().getDeclaredMethods()) {
				if (attribute.getParameterCount() > 0 || attribute.isSynthetic()) {
					continue;
				}
				if (!writable(attribute.getReturnType())) {
					return Optional.empty();
				}
				Object value = annotation.getValue(attribute.getName()).orElse(null);
				if (value == null) {
					return Optional.empty();
				}
				attributes.add(attribute.getName() + "=" + values(value));
			}
			text.add(annotation.getType().getName() + "?" + attributes);
		}
		return Optional.of(text.toString());
	}

	/**
	 * The metadata {@link #write} wrote, read when a condition first asks for it (most
	 * conditions read the settings only).
	 * @throws RuntimeException from {@link AnnotatedTypeMetadata#getAnnotations()} when
	 * an annotation type or an attribute is not on the class path, or a value does not
	 * read as its attribute's type
	 */
	static AnnotatedTypeMetadata read(String text, String source, ClassLoader loader) {
		SingletonSupplier<MergedAnnotations> annotations = SingletonSupplier.of(() -> {
			try {
				return annotations(text, source, loader);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("The annotations recorded on " + source + " cannot be read", ex);
			}
		});
		return annotations::obtain;
	}

	private static MergedAnnotations annotations(String text, String source, ClassLoader loader)
			throws ReflectiveOperationException {
		List<MergedAnnotation<?>> annotations = new ArrayList<>();
		for (String written : text.isEmpty() ? new String[0] : text.split(" ")) {
			int question = written.indexOf('?');
			Class<? extends Annotation> type = ClassUtils.forName(written.substring(0, question), loader)
				.asSubclass(Annotation.class);
			Map<String, Object> attributes = new LinkedHashMap<>();
			String list = written.substring(question + 1);
			for (String attribute : list.isEmpty() ? new String[0] : list.split("&")) {
				int equals = attribute.indexOf('=');
				String name = attribute.substring(0, equals);
				attributes.put(name,
						value(type.getDeclaredMethod(name).getReturnType(), attribute.substring(equals + 1)));
			}
			annotations.add(MergedAnnotation.of(loader, source, type, attributes));
		}
		return MergedAnnotations.of(annotations);
	}

	private static boolean writable(Class<?> type) {
		Class<?> element = type.isArray() ? type.getComponentType() : type;
		return element == String.class || element == Class.class || element.isPrimitive() || element.isEnum();
	}

	private static String values(Object value) {
		if (!value.getClass().isArray()) {
			return encode(value);
		}
		// The length first: no element and one empty element would read alike.
		StringJoiner joined = new StringJoiner(",", Array.getLength(value) + ":", "");
		for (int i = 0; i < Array.getLength(value); i++) {
			joined.add(encode(Array.get(value, i)));
		}
		return joined.toString();
	}

	private static String encode(Object value) {
		String text = (value instanceof Enum<?> constant) ? constant.name()
				: (value instanceof Class<?> type) ? type.getName() : String.valueOf(value);
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static Object value(Class<?> type, String text) {
		if (!type.isArray()) {
			return element(type, URLDecoder.decode(text, StandardCharsets.UTF_8));
		}
		int colon = text.indexOf(':');
		int length = Integer.parseInt(text.substring(0, colon));
		String[] parts = (length == 0) ? new String[0] : text.substring(colon + 1).split(",", -1);
		if (parts.length != length) {
			throw new IllegalArgumentException("Not " + length + " recorded values: '" + text + "'");
		}
		Class<?> component = (type.getComponentType() == Class.class) ? String.class : type.getComponentType();
		Object array = Array.newInstance(component, parts.length);
		for (int i = 0; i < parts.length; i++) {
			Array.set(array, i, element(type.getComponentType(), URLDecoder.decode(parts[i], StandardCharsets.UTF_8)));
		}
		return array;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object element(Class<?> type, String text) {
		if (type == String.class) {
			return text;
		}
		if (type == Class.class) {
			// The name, as a class file gives it: Spring loads the class when a condition
			// asks for it, and a condition that does not ask never loads it.
			return text;
		}
		if (type.isEnum()) {
			return Enum.valueOf((Class<? extends Enum>) type, text);
		}
		return switch (type.getName()) {
			case "boolean" -> Boolean.parseBoolean(text);
			case "int" -> Integer.parseInt(text);
			case "long" -> Long.parseLong(text);
			case "short" -> Short.parseShort(text);
			case "byte" -> Byte.parseByte(text);
			case "char" -> text.charAt(0);
			case "float" -> Float.parseFloat(text);
			default -> Double.parseDouble(text);
		};
	}

}
