package dev.moonlight.status;

/**
 * A check of {@code /ready} that another concern contributes (a bean of this type), such
 * as the realtime broker's connection to Redis. Asked on every probe, so it reads state
 * its owner already keeps: no I/O, no blocking.
 */
public interface ReadinessCheck {

	/** The check's name in {@code /ready}'s {@code checks}. */
	String name();

	/**
	 * What is wrong, as a fixed sentence ({@code /ready} is public: no addresses, no
	 * driver's words), or {@code null} when all is well.
	 */
	String problem();

}
