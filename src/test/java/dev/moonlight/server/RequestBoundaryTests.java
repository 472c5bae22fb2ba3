package dev.moonlight.server;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.NettyPipeline;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a connection stands for the drain, read off Netty's own HTTP codec in an embedded
 * channel (no Reactor Netty operations, so only the reads and answers count).
 */
class RequestBoundaryTests {

	private EmbeddedChannel channel;

	private RequestBoundary boundary;

	@BeforeEach
	void channel() {
		this.channel = new EmbeddedChannel();
		this.channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec());
		this.channel.pipeline().addLast(NettyPipeline.HttpTrafficHandler, new ChannelDuplexHandler());
		RequestBoundary.install(this.channel.pipeline(), () -> false);
		this.boundary = (RequestBoundary) this.channel.pipeline().get(RequestBoundary.NAME);
	}

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void theRestOfABodyThatComesAfterItsAnswerIsNoNextRequest() {
		read("POST /api/v1/ HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n");
		assertThat(stage()).as("a request is arriving").isEqualTo(RequestBoundary.Stage.BUSY);
		answer(HttpResponseStatus.FORBIDDEN);
		read("0123456789");
		assertThat(stage()).as("the body's rest belongs to the request already answered")
			.isEqualTo(RequestBoundary.Stage.BETWEEN_REQUESTS);
		read("GET /api/v1/ping HTT");
		assertThat(stage()).as("the first bytes of a next request").isEqualTo(RequestBoundary.Stage.BUSY);
	}

	@Test
	void aRequestAnsweredAfterItsBodyLeavesTheConnectionBetweenRequests() {
		read("POST /api/v1/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
		assertThat(stage()).isEqualTo(RequestBoundary.Stage.BUSY);
		answer(HttpResponseStatus.OK);
		assertThat(stage()).isEqualTo(RequestBoundary.Stage.BETWEEN_REQUESTS);
		read("GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(stage()).isEqualTo(RequestBoundary.Stage.BUSY);
	}

	private void read(String bytes) {
		this.channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
		Object decoded;
		while ((decoded = this.channel.readInbound()) != null) {
			ReferenceCountUtil.release(decoded);
		}
	}

	private void answer(HttpResponseStatus status) {
		this.channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status));
		Object written;
		while ((written = this.channel.readOutbound()) != null) {
			ReferenceCountUtil.release(written);
		}
	}

	private RequestBoundary.Stage stage() {
		return this.boundary.stage(this.channel, System.nanoTime(), 0);
	}

}
