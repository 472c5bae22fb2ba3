package dev.moonlight.rpc;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.jobs.JobControl;
import dev.moonlight.maintenance.MaintenanceAutoConfiguration;
import dev.moonlight.maintenance.MaintenanceMode;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.pool.PoolAutoConfiguration;
import dev.moonlight.reload.ReloadAutoConfiguration;
import dev.moonlight.reload.Reloader;
import dev.moonlight.server.OpenConnections;
import dev.moonlight.server.SharedPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin RPC, for a web server only: commands that boot the application for themselves
 * ({@code routes}) have nothing to administer. A malformed {@code rpc.listen}, or a
 * non-loopback one without a configured token, fails the boot; without a configured token
 * the server makes (or reuses) {@code storage/run/rpc.token}. While it listens,
 * {@code storage/run/rpc.address} holds its bound address for the commands.
 */
@AutoConfiguration(
		after = { PoolAutoConfiguration.class, MaintenanceAutoConfiguration.class, ReloadAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public final class RpcAutoConfiguration {

	@Bean
	RpcServer moonlightRpcServer(MoonlightSettings settings, Environment environment, BoundedWorkerPool pool,
			MaintenanceMode maintenance, ObjectProvider<JobControl> jobControl, ObjectProvider<Reloader> reloader,
			ObjectProvider<OpenConnections> connections, ConfigurableApplicationContext context) {
		RpcSettings rpc = RpcSettings.read(settings.files(), environment::getProperty).requireSafe();
		JsonMapper json = JsonMapper.builder().build();
		// An application may leave the jobs auto-configuration out; then the jobs methods
		// say so.
		JobControl control = jobControl.getIfAvailable();
		AdminMethods methods = new AdminMethods(context, settings, pool, maintenance, json,
				(control != null) ? new JobsMethods(control) : null, reloader.getIfAvailable(),
				() -> connections.getIfAvailable(() -> OpenConnections.NONE).open());
		return new RpcServer(rpc, RpcToken.forServer(rpc, settings.storage()), methods, json,
				SharedPort.ofEnvironment(), new RpcAddressFile(settings.storage()));
	}

}
