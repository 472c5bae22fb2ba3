package dev.moonlight.realtime;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.dispatch.DispatchAutoConfiguration;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.maintenance.MaintenanceAutoConfiguration;
import dev.moonlight.pipeline.CallPipeline;
import dev.moonlight.pipeline.ErrorMapper;
import dev.moonlight.security.Authenticator;
import dev.moonlight.security.SecurityAutoConfiguration;
import dev.moonlight.status.ReadinessCheck;
import dev.moonlight.web.BrowserOrigins;
import dev.moonlight.web.HttpsPolicy;
import dev.moonlight.web.WebAutoConfiguration;

/**
 * Realtime from {@code [realtime]}: the {@link Channels} bean always (a no-op while
 * realtime is off, so applications can publish unconditionally); with
 * {@code ENABLED=true} the WebSocket endpoint, its channel hub and the broker
 * ({@code memory}, or {@code redis} to reach every instance). With {@code BROKER=redis}
 * and {@code ENABLED=false} the instance publishes to Redis without serving sockets (a
 * jobs machine telling the web machines).
 */
@AutoConfiguration(after = { DispatchAutoConfiguration.class, SecurityAutoConfiguration.class,
		WebAutoConfiguration.class, MaintenanceAutoConfiguration.class })
public final class RealtimeAutoConfiguration {

	@Bean
	RealtimeSettings realtimeSettings(MoonlightSettings settings, Environment environment) {
		return RealtimeSettingsReader.read(settings.files(), environment::getProperty);
	}

	@Bean
	@Conditional(RealtimeEnabledCondition.class)
	ChannelHub realtimeChannelHub() {
		return new ChannelHub();
	}

	@Bean(destroyMethod = "close")
	Broker realtimeBroker(RealtimeSettings settings, ObjectProvider<ChannelHub> hubs) {
		ChannelHub hub = hubs.getIfAvailable();
		if (settings.broker() == RealtimeSettings.BrokerKind.REDIS) {
			return RedisBroker.connect(settings.redisUrl(), new ChannelNames(settings.channelPrefix()).pattern(),
					(hub != null) ? hub::deliver : null);
		}
		return (hub != null) ? new MemoryBroker(hub) : Broker.NONE;
	}

	/**
	 * {@code /ready}'s {@code realtime} check: fails while the broker has lost Redis, so
	 * a balancer sends WebSocket clients to an instance whose events still arrive.
	 */
	@Bean
	ReadinessCheck realtimeBrokerReadiness(Broker broker) {
		return new ReadinessCheck() {

			@Override
			public String name() {
				return "realtime";
			}

			@Override
			public String problem() {
				return broker.connected() ? null : "the realtime broker (Redis) is unreachable; reconnecting";
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	Channels channels(RealtimeSettings settings, Broker broker, MoonlightJson json) {
		if (broker == Broker.NONE) {
			return (channel, event, data) -> {
			};
		}
		return new ChannelPublisher(new ChannelNames(settings.channelPrefix()), json.mapper().writer(), broker);
	}

	@Bean
	@Conditional(RealtimeEnabledCondition.class)
	RealtimeEndpoint realtimeEndpoint(RealtimeSettings settings, ChannelHub hub, CallPipeline pipeline,
			Authenticator authenticator, HttpsPolicy https, BrowserOrigins origins, ErrorMapper errors,
			MoonlightJson json) {
		FrameProtocol protocol = new FrameProtocol(pipeline, authenticator, errors, json.mapper(), hub, settings);
		return new RealtimeEndpoint(pipeline.dispatcher().registry(), authenticator, https, origins, errors,
				new EnvelopeWriter(json.mapper().writer()), protocol, settings.maxFrameSize());
	}

	@Bean
	@Conditional(RealtimeEnabledCondition.class)
	RealtimeLifecycle realtimeLifecycle(ChannelHub hub) {
		return new RealtimeLifecycle(hub);
	}

}
