package dev.moonlight.pipeline;

/**
 * Marks a failure that hostile or broken clients cause all day long (a request Netty's
 * decoder refused): the {@link ErrorMapper} logs it at debug, as it does 401, 403 and
 * 404, so that noise never floods the warn level.
 */
public interface QuietFailure {

}
