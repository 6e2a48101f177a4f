package dev.printernizer.driver.moonraker.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket to a Moonraker, on Netty: every Moonraker printer shares one event loop
 * ({@code printernizer-moonraker-*}, 2 to 4 threads, from the first driver's start to the last
 * one's close), and a socket holds only small buffers
 * between reads (the JDK's WebSocket client kept three 16 KiB buffers per socket: about 70 KB
 * per printer in the scale run). {@code wss://} verifies the certificate against the JVM's trust
 * store and the host name. The handshake and every message are bounded: the HTTP answer to 8 KiB,
 * a message (joined from its frames) to the driver's limit; a larger one fails the socket with
 * {@link Oversized}. Callbacks run on the event loop, one at a time per socket.
 */
final class NettySocket {
  /** What happens on an open socket. */
  interface Handler {
    /** A whole text message. */
    void onText(String text);

    /** An answer to our ping. */
    void onPong();

    /** The socket is gone: the peer closed it, the network dropped it, or it failed. */
    void onGone(@Nullable Throwable cause, int code, String reason);
  }

  /** A message over the limit. */
  static final class Oversized extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Oversized(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The event loop of every Moonraker printer, made when the first driver starts and shut down
   * when the last one closes, so that no thread outlives the printers (an application server that
   * redeploys its application would otherwise keep one loop per deployment).
   */
  static final class Loop {
    private static @Nullable EventLoopGroup group;
    private static int users;

    private Loop() {}

    /** A driver starts: it uses the loop until {@link #release}. */
    static synchronized void acquire() {
      users++;
    }

    /** A driver closed; the last one shuts the loop down. */
    static synchronized void release() {
      users = Math.max(0, users - 1);
      EventLoopGroup g = group;
      if (users == 0 && g != null) {
        group = null;
        var unused = g.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
      }
    }

    /** @throws IllegalStateException when no driver uses the loop (the last one closed) */
    static synchronized EventLoopGroup group() {
      if (users == 0) {
        throw new IllegalStateException("no Moonraker driver is running");
      }
      EventLoopGroup g = group;
      if (g == null) {
        g = new NioEventLoopGroup(
            Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())),
            new DefaultThreadFactory("printernizer-moonraker", true));
        group = g;
      }
      return g;
    }
  }

  private static final class Tls {
    static final SslContext CONTEXT = context();

    private static SslContext context() {
      try {
        return SslContextBuilder.forClient().build(); // the JVM's trust store, never trust-all
      } catch (SSLException e) {
        throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage(), e);
      }
    }
  }

  private final Channel channel;

  private NettySocket(Channel channel) {
    this.channel = channel;
  }

  /**
   * Opens a socket; completes when the WebSocket handshake is done.
   *
   * @param uri ws:// or wss://
   * @param apiKey sent as {@code X-Api-Key}, or null
   * @param maxBytes the largest message accepted
   * @param handler called once open (never before the returned future completes)
   * @param resolver where a host name is looked up (a blocking call, kept off the loop); an IP
   *     address needs no lookup
   * @return the socket, or a failure (Netty's handshake exception carries the HTTP status)
   */
  static CompletableFuture<NettySocket> open(URI uri, @Nullable String apiKey, int maxBytes,
      Handler handler, java.util.concurrent.Executor resolver) {
    String host = uri.getHost();
    if (io.netty.util.NetUtil.isValidIpV4Address(host)
        || io.netty.util.NetUtil.isValidIpV6Address(host)) { // an address: nothing to look up
      try {
        java.net.InetAddress literal = java.net.InetAddress.getByAddress(host,
            io.netty.util.NetUtil.createByteArrayFromIpAddressString(host));
        return connect(uri, literal, apiKey, maxBytes, handler);
      } catch (java.net.UnknownHostException e) { // not for a valid address: the length fits
        return CompletableFuture.failedFuture(e);
      }
    }
    CompletableFuture<java.net.InetAddress> address;
    try {
      address = CompletableFuture.supplyAsync(() -> {
        try {
          return java.net.InetAddress.getByName(uri.getHost());
        } catch (java.net.UnknownHostException e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      }, resolver);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
    return address.thenCompose(a -> connect(uri, a, apiKey, maxBytes, handler));
  }

  private static CompletableFuture<NettySocket> connect(URI uri, java.net.InetAddress address,
      @Nullable String apiKey, int maxBytes, Handler handler) {
    boolean tls = uri.getScheme().equals("wss");
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    HttpHeaders headers = new DefaultHttpHeaders();
    if (apiKey != null) {
      headers.set("X-Api-Key", apiKey);
    }
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(uri).version(WebSocketVersion.V13).allowExtensions(false)
        .customHeaders(headers).maxFramePayloadLength(maxBytes).handleCloseFrames(false)
        .dropPongFrames(false).handshakeTimeoutMillis(10_000)
        .sendCloseFrame(null) // close at once: a peer that stopped reading cannot hold it open
        .build();
    CompletableFuture<NettySocket> opened = new CompletableFuture<>();
    Frames frames = new Frames(handler, opened, maxBytes);
    EventLoopGroup group;
    try {
      group = Loop.group();
    } catch (IllegalStateException e) {
      return CompletableFuture.failedFuture(e); // the driver closed meanwhile
    }
    @Nullable SslContext tlsContext;
    try {
      tlsContext = tls ? Tls.CONTEXT : null;
    } catch (ExceptionInInitializerError e) {
      return CompletableFuture.failedFuture(e);
    }
    Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            if (tlsContext != null) {
              SslHandler ssl = tlsContext.newHandler(ch.alloc(), uri.getHost(), port);
              SSLEngine engine = ssl.engine();
              SSLParameters params = engine.getSSLParameters();
              params.setEndpointIdentificationAlgorithm("HTTPS"); // the name must match
              engine.setSSLParameters(params);
              p.addLast(ssl);
            }
            p.addLast(new HttpClientCodec(4096, 8192, 8192), new HttpObjectAggregator(8192),
                new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(maxBytes),
                frames);
          }
        });
    ChannelFuture connect = b.connect(new java.net.InetSocketAddress(address, port));
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        opened.completeExceptionally(f.cause());
      }
    });
    return opened;
  }

  /**
   * @param text one message
   * @return completes when written
   */
  CompletableFuture<Void> sendText(String text) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    channel.writeAndFlush(new TextWebSocketFrame(text)).addListener(f -> {
      if (f.isSuccess()) {
        done.complete(null);
      } else {
        done.completeExceptionally(f.cause());
      }
    });
    return done;
  }

  void ping() {
    var unused = channel.writeAndFlush(new PingWebSocketFrame());
  }

  /** Closes the socket at once, without a closing handshake. */
  void abort() {
    var unused = channel.close();
  }

  /** The socket's last handler: frames to callbacks, and the end of the socket, once. */
  private static final class Frames extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final Handler handler;
    private final CompletableFuture<NettySocket> opened;
    private final int maxBytes;
    private final AtomicBoolean gone = new AtomicBoolean();

    Frames(Handler handler, CompletableFuture<NettySocket> opened, int maxBytes) {
      this.handler = handler;
      this.opened = opened;
      this.maxBytes = maxBytes;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        opened.complete(new NettySocket(ctx.channel()));
      } else if (evt
          == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        opened.completeExceptionally(new java.net.http.HttpTimeoutException(
            "no WebSocket handshake within 10 s"));
        var unused = ctx.close();
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame) {
        handler.onText(((TextWebSocketFrame) frame).text());
      } else if (frame instanceof PongWebSocketFrame) {
        handler.onPong();
      } else if (frame instanceof CloseWebSocketFrame) {
        CloseWebSocketFrame c = (CloseWebSocketFrame) frame;
        end(null, c.statusCode(), c.reasonText());
        var unused = ctx.close();
      } // binary frames: Moonraker sends none
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      Throwable t = cause;
      // a message over the limit; before the handshake ended it is the HTTP answer instead
      if (opened.isDone() && (t instanceof io.netty.handler.codec.TooLongFrameException
          || (t instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException
          && String.valueOf(t.getMessage()).contains("Max frame length")))) {
        t = new Oversized("a message over " + maxBytes / 1024 + " KiB");
      } else if (t instanceof io.netty.handler.codec.DecoderException && t.getCause() != null) {
        t = t.getCause(); // a TLS failure arrives wrapped
      }
      if (!opened.isDone()) {
        opened.completeExceptionally(t);
      } else {
        end(t, 1006, "");
      }
      var unused = ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      if (!opened.isDone()) {
        opened.completeExceptionally(new java.net.ConnectException("Moonraker closed the"
            + " connection during the WebSocket handshake"));
      } else {
        end(null, 1006, "");
      }
      super.channelInactive(ctx);
    }

    private void end(@Nullable Throwable cause, int code, String reason) {
      if (gone.compareAndSet(false, true)) {
        handler.onGone(cause, code, reason);
      }
    }
  }
}
