package dev.chat.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Errors the HTTP server answers before any application code runs — a request line too long (414),
 * headers too large (431), a request that is not HTTP (400) — get the same {@code {success:false, message}}
 * body as every other error instead of an empty one.
 */
@Configuration(proxyBeanMethods = false)
class JsonErrorResponses {

    @Bean
    NettyServerCustomizer jsonErrorBodies() {
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "chat.jsonErrorBodies", new Filler());
            }
        });
    }

    /** Fills an empty error response written by the server itself with a JSON body saying what went wrong. */
    static final class Filler extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof FullHttpResponse response && response.status().code() >= 400
                    && !response.content().isReadable() && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
                byte[] body = ApiErrors.json(message(response.status()));
                FullHttpResponse filled = response.replace(Unpooled.wrappedBuffer(body));
                filled.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                response.release();
                ctx.write(filled, promise);
                return;
            }
            ctx.write(msg, promise);
        }

        private static String message(HttpResponseStatus status) {
            return switch (status.code()) {
                case 414 -> "the URL is too long";
                case 431 -> "the request headers are too large";
                case 400 -> "malformed HTTP request";
                default -> status.reasonPhrase().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }
}
