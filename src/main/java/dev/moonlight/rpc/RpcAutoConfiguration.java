package dev.moonlight.rpc;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.maintenance.MaintenanceAutoConfiguration;
import dev.moonlight.maintenance.MaintenanceMode;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.pool.PoolAutoConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin RPC, for a web server only: commands that boot the application for themselves ({@code routes}) have
 * nothing to administer. A malformed {@code rpc.listen}, or a non-loopback one without a token, fails the boot.
 */
@AutoConfiguration(after = { PoolAutoConfiguration.class, MaintenanceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public final class RpcAutoConfiguration {

	@Bean
	RpcServer moonlightRpcServer(MoonlightSettings settings, Environment environment, BoundedWorkerPool pool,
			MaintenanceMode maintenance, ConfigurableApplicationContext context) {
		RpcSettings rpc = RpcSettings.read(settings.files(), environment::getProperty).requireSafe();
		JsonMapper json = JsonMapper.builder().build();
		AdminMethods methods = new AdminMethods(context, settings, pool, maintenance, json);
		return new RpcServer(rpc, new RpcHandler(methods, rpc.token(), json), methods);
	}

}
