package dev.moonlight.jmh;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.ActionGuard;
import dev.moonlight.dispatch.ActionInvokerFactory;
import dev.moonlight.dispatch.ActionRegistryBuilder;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Dispatcher;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.dispatch.UploadedFiles;
import dev.moonlight.dispatch.WorkerPool;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Moonlight costs per call without the network: request bytes parsed, the action found, guarded, its parameters
 * bound and validated, invoked, and the envelope serialised. {@code handWritten} does the same work with Jackson and
 * no framework, as the baseline. Run with {@code bench/jmh.sh} (adds {@code -prof gc} for allocations).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DispatchBenchmark {

	@Param({ "list", "echo" })
	public String action;

	private AnnotationConfigApplicationContext context;

	private LocalValidatorFactoryBean validator;

	private JsonMapper mapper;

	private Dispatcher dispatcher;

	private EnvelopeWriter writer;

	private byte[] body;

	@Setup
	public void setUp() {
		context = new AnnotationConfigApplicationContext(BenchService.class);
		validator = new LocalValidatorFactoryBean();
		validator.afterPropertiesSet();
		mapper = MoonlightJson.create().mapper();
		ActionInvokerFactory invokers = new ActionInvokerFactory(mapper, validator,
				(type, method, name) -> ActionGuard.OPEN);
		WorkerPool inline = new WorkerPool() {
			@Override
			public <T> Mono<T> submit(String label, Callable<T> work) {
				return Mono.fromCallable(work);
			}
		};
		dispatcher = new Dispatcher(new ActionRegistryBuilder(context, invokers).build(Map.of()), inline, Duration.ZERO);
		writer = new EnvelopeWriter(mapper.writer());
		body = ("{\"service\":\"bench\",\"action\":\"" + action + "\",\"title\":\"Ship the benchmark\",\"priority\":2}")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	@TearDown
	public void tearDown() {
		validator.close();
		context.close();
	}

	@Benchmark
	public byte[] moonlight() {
		ObjectNode params = (ObjectNode) mapper.readTree(body);
		String service = params.remove("service").asString();
		String name = params.remove("action").asString();
		ActionContext call = new ActionContext("v1", service, name, "0123456789abcdef", Caller.ANONYMOUS, params,
				UploadedFiles.NONE);
		Envelope envelope = dispatcher.dispatch(call).block();
		return writer.write(envelope);
	}

	@Benchmark
	public byte[] handWritten() {
		ObjectNode params = (ObjectNode) mapper.readTree(body);
		Object data = "list".equals(params.path("action").asString()) ? Map.of("tasks", BenchService.ROWS)
				: new BenchService.EchoParams(params.path("title").asString(), params.path("priority").asInt());
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("returnCode", 0);
		envelope.put("returnMessage", "OK");
		envelope.put("returnData", data);
		envelope.put("extraData", null);
		return mapper.writeValueAsBytes(envelope);
	}

}
