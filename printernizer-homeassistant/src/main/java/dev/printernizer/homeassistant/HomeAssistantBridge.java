package dev.printernizer.homeassistant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.Secret;
import dev.printernizer.outbox.DeliveryContext;
import dev.printernizer.outbox.Destination;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.outbox.OutboxEvent;
import dev.printernizer.spi.Notifier;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every printer as a Home Assistant device, through MQTT discovery on Home Assistant's broker
 * (the Mosquitto add-on, say): sensors for its state, progress and current job and a problem
 * sensor for connection trouble, from a retained state topic refreshed every 10 s and at each
 * engine event; and an event entity that fires once per job event, delivered from the outbox
 * (job created, closed by outcome, offline mid-print, connection problem).
 *
 * <pre>{@code
 * HomeAssistantBridge ha = HomeAssistantBridge.builder(URI.create("mqtt://homeassistant.local"))
 *     .username("printernizer").password(Secret.of(System.getenv("HA_MQTT_PASSWORD"))).build();
 * Printernizer p = Printernizer.builder()...destination(ha).notifier(ha).build();
 * ha.watch(p::printers);   // the sensors
 * p.start();
 * }</pre>
 *
 * <p>Topics: discovery under {@code homeassistant/} (Home Assistant's default prefix), the state
 * as retained JSON on {@code printernizer/<printer>/state}, events on {@code
 * printernizer/<printer>/event} ({@code {"event_type": "job_completed", ...}} with the
 * idempotency key, at least once: an automation that must not run twice checks the key), and
 * {@code printernizer/status} ({@code online}, and {@code offline} as the connection's last will)
 * for availability. MQTT 3.1.1, QoS 1; {@code mqtts://} verifies the broker's certificate with
 * the JVM's trust store and the host name. Reconnects on its own.
 *
 * <p>Thread-safe. The password never appears in {@link #toString()}, logs or exceptions.
 * {@link #close()} publishes {@code offline} and disconnects; the engine does not close its
 * destinations: close the bridge after the engine.
 *
 * @since 0.4
 */
public final class HomeAssistantBridge implements Destination, Notifier, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HomeAssistantBridge.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The events the event entity fires unless configured. */
  public static final Set<OutboxEvent> EVENTS = EnumSet.of(OutboxEvent.JOB_AUTO_CREATED,
      OutboxEvent.JOB_ADOPTED, OutboxEvent.JOB_COMPLETED, OutboxEvent.JOB_FAILED,
      OutboxEvent.JOB_CANCELLED, OutboxEvent.JOB_INTERRUPTED,
      OutboxEvent.PRINTER_OFFLINE_MID_PRINT, OutboxEvent.PRINTER_CONNECTION_PROBLEM);

  private final String name;
  private final URI broker;
  private final Duration timeout;
  private final Discovery discovery;
  private final Set<OutboxEvent> events;
  private final Mqtt3AsyncClient client;
  private final Set<PrinterId> announced = ConcurrentHashMap.newKeySet();
  private final Map<PrinterId, String> lastState = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "printernizer-homeassistant");
    t.setDaemon(true);
    return t;
  });
  private volatile @Nullable Supplier<? extends Collection<PrinterStatus>> printers;
  private volatile boolean closed;

  private HomeAssistantBridge(Builder b) {
    this.name = b.name;
    this.broker = b.broker;
    this.timeout = b.timeout;
    this.discovery = new Discovery(b.discoveryPrefix, b.topicPrefix, b.german);
    this.events = Set.copyOf(b.events);
    boolean tls = "mqtts".equals(broker.getScheme());
    int port = broker.getPort() > 0 ? broker.getPort() : tls ? 8883 : 1883;
    Mqtt3ClientBuilder cb = MqttClient.builder().useMqttVersion3()
        .identifier("printernizer-" + Integer.toHexString(System.identityHashCode(this)))
        .serverHost(broker.getHost()).serverPort(port)
        .automaticReconnectWithDefaultConfig()
        .willPublish().topic(discovery.availabilityTopic())
        .payload("offline".getBytes(StandardCharsets.UTF_8)).qos(MqttQos.AT_LEAST_ONCE)
        .retain(true).applyWillPublish()
        .addConnectedListener(c -> onConnected())
        .addDisconnectedListener(c -> {
          if (!closed) {
            LOG.debug("Home Assistant broker {}: disconnected ({})", where(),
                c.getCause().toString());
          }
        });
    if (tls) {
      cb = cb.sslWithDefaultConfig();
    }
    if (b.username != null) {
      var auth = cb.simpleAuth().username(b.username);
      cb = (b.password == null ? auth : auth.password(b.password.reveal()
          .getBytes(StandardCharsets.UTF_8))).applySimpleAuth();
    }
    this.client = cb.buildAsync();
    var unused = client.connectWith().cleanSession(true).keepAlive(30).send().whenComplete((ack, e) -> {
      if (e != null) {
        LOG.warn("Home Assistant broker {}: cannot connect yet ({}); retrying", where(),
            e.getMessage());
      }
    });
    var unusedTimer = timer.scheduleWithFixedDelay(this::refreshQuietly, 10, 10, TimeUnit.SECONDS);
  }

  /**
   * @param broker Home Assistant's MQTT broker: {@code mqtt://host[:1883]} or
   *     {@code mqtts://host[:8883]}
   * @return a builder
   * @since 0.4
   */
  public static Builder builder(URI broker) {
    return new Builder(broker);
  }

  /**
   * Publishes the sensors of these printers now and every 10 s.
   *
   * @param printers the printers, usually {@code printernizer::printers}
   * @since 0.4
   */
  public void watch(Supplier<? extends Collection<PrinterStatus>> printers) {
    this.printers = Objects.requireNonNull(printers, "printers");
    timer.execute(this::refreshQuietly);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<OutboxEvent> events() {
    return events;
  }

  /** Fires the printer's event entity: one QoS 1 message, confirmed by the broker. */
  @Override
  public void deliver(DeliveryContext d) throws IOException, InterruptedException {
    if (!client.getState().isConnected()) {
      throw new IOException("not connected to the Home Assistant broker " + where());
    }
    OutboxEntry e = d.entry();
    announce(e.printerId(), d.printerName());
    ObjectNode n = JSON.createObjectNode();
    n.put("event_type", e.event().wireName());
    n.put("idempotency_key", e.key());
    n.put("at", e.at().toString());
    n.put("printer", d.printerName());
    Job job = d.job().orElse(null);
    if (job != null) {
      n.put("job_id", job.id());
      n.put("file", job.fileName().orElse(job.name()));
      n.put("status", job.status().wireName());
    }
    n.put("detail", e.detail());
    publish(discovery.eventTopic(e.printerId()), Discovery.write(n), false);
  }

  /** Engine events refresh the sensors at once (their state comes from {@link #watch}). */
  @Override
  public void onEvent(PrinternizerEvent event) {
    if (event instanceof PrinternizerEvent.PrinterStateChanged
        || event instanceof PrinternizerEvent.PrinterConnectionProblem
        || event instanceof PrinternizerEvent.JobAutoCreated
        || event instanceof PrinternizerEvent.JobAdopted
        || event instanceof PrinternizerEvent.JobClosed) {
      if (!closed) {
        timer.execute(this::refreshQuietly);
      }
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException | IOException e) {
      LOG.debug("Home Assistant broker {}: sensors not published ({})", where(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Publishes each watched printer's state when it changed (retained). */
  void refresh() throws IOException, InterruptedException {
    Supplier<? extends Collection<PrinterStatus>> s = printers;
    if (s == null || closed || !client.getState().isConnected()) {
      return;
    }
    for (PrinterStatus p : s.get()) {
      PrinterId id = p.config().id();
      announce(id, p.config().name());
      String state = Discovery.write(state(p));
      if (!state.equals(lastState.get(id))) {
        publish(discovery.stateTopic(id), state, true);
        lastState.put(id, state);
      }
    }
  }

  static ObjectNode state(PrinterStatus p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("state", p.connected() ? p.state().name().toLowerCase(Locale.ROOT) : "offline");
    n.put("progress", p.snapshot().flatMap(x -> x.progress())
        .map(v -> Math.round(v * 10) / 10.0).orElse(0.0));
    Job job = p.currentJob();
    n.put("job", job == null ? "" : job.fileName().orElse(job.name()));
    n.put("problem", p.connectionProblem().map(c -> c.kind().code() + ": " + c.detail())
        .orElse(null));
    return n;
  }

  private void announce(PrinterId id, String printerName) throws IOException,
      InterruptedException {
    if (announced.contains(id)) {
      return;
    }
    for (Map.Entry<String, String> c : discovery.configs(id, printerName, events).entrySet()) {
      publish(c.getKey(), c.getValue(), true);
    }
    announced.add(id);
  }

  private void onConnected() {
    announced.clear(); // the broker may have lost retained messages: announce again
    lastState.clear();
    client.publishWith().topic(discovery.availabilityTopic())
        .payload("online".getBytes(StandardCharsets.UTF_8)).qos(MqttQos.AT_LEAST_ONCE)
        .retain(true).send();
    LOG.info("Home Assistant broker {}: connected", where());
    if (!closed) {
      timer.execute(this::refreshQuietly);
    }
  }

  private void publish(String topic, String payload, boolean retain) throws IOException,
      InterruptedException {
    try {
      client.publishWith().topic(topic).payload(payload.getBytes(StandardCharsets.UTF_8))
          .qos(MqttQos.AT_LEAST_ONCE).retain(retain).send()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("publishing to the Home Assistant broker " + where() + " failed: "
          + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IOException("the Home Assistant broker " + where() + " did not confirm within "
          + timeout.toSeconds() + " s");
    }
  }

  private String where() {
    return broker.getScheme() + "://" + broker.getHost()
        + (broker.getPort() > 0 ? ":" + broker.getPort() : "");
  }

  /** Publishes "offline" and disconnects. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    timer.shutdownNow();
    try {
      if (client.getState().isConnected()) {
        client.publishWith().topic(discovery.availabilityTopic())
            .payload("offline".getBytes(StandardCharsets.UTF_8)).qos(MqttQos.AT_LEAST_ONCE)
            .retain(true).send().get(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("Home Assistant broker {}: offline not published", where(), e);
    } finally {
      var unused = client.disconnect(); // completes in the background
    }
  }

  @Override
  public String toString() {
    return "HomeAssistantBridge{" + name + " -> " + where() + "}";
  }

  /**
   * Builds a {@link HomeAssistantBridge}. Not thread-safe.
   *
   * @since 0.4
   */
  public static final class Builder {
    private final URI broker;
    private String name = "homeassistant";
    private @Nullable String username;
    private @Nullable Secret password;
    private String discoveryPrefix = "homeassistant";
    private String topicPrefix = "printernizer";
    private boolean german = true;
    private Duration timeout = Duration.ofSeconds(10);
    private Set<OutboxEvent> events = EVENTS;

    private Builder(URI broker) {
      this.broker = Objects.requireNonNull(broker, "broker");
      if (broker.getHost() == null
          || !("mqtt".equals(broker.getScheme()) || "mqtts".equals(broker.getScheme()))) {
        throw new IllegalArgumentException("the broker must be mqtt://host[:port] or"
            + " mqtts://host[:port], e.g. mqtt://homeassistant.local:1883");
      }
    }

    /**
     * @param name the destination's stable name (default {@code homeassistant})
     * @return this
     * @since 0.4
     */
    public Builder name(String name) {
      if (name.isEmpty() || name.length() > 128) {
        throw new IllegalArgumentException("a destination name has 1-128 characters");
      }
      this.name = name;
      return this;
    }

    /**
     * @param username the broker user (the Mosquitto add-on wants one)
     * @return this
     * @since 0.4
     */
    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username");
      return this;
    }

    /**
     * @param password the broker user's password
     * @return this
     * @since 0.4
     */
    public Builder password(Secret password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * @param discoveryPrefix Home Assistant's discovery prefix (default {@code homeassistant})
     * @param topicPrefix where states and events go (default {@code printernizer})
     * @return this
     * @since 0.4
     */
    public Builder topics(String discoveryPrefix, String topicPrefix) {
      for (String p : List.of(discoveryPrefix, topicPrefix)) {
        if (p.isEmpty() || p.contains("#") || p.contains("+") || p.endsWith("/")) {
          throw new IllegalArgumentException("a topic prefix must not be empty, contain # or +"
              + " or end in /: " + p);
        }
      }
      this.discoveryPrefix = discoveryPrefix;
      this.topicPrefix = topicPrefix;
      return this;
    }

    /**
     * @param language entity names in {@code de} (default) or {@code en}
     * @return this
     * @since 0.4
     */
    public Builder language(String language) {
      String l = language.trim().toLowerCase(Locale.ROOT);
      if (!l.equals("de") && !l.equals("en")) {
        throw new IllegalArgumentException("language must be de or en, was " + language);
      }
      this.german = l.equals("de");
      return this;
    }

    /**
     * @param events the events the event entity fires (default {@link #EVENTS})
     * @return this
     * @since 0.4
     */
    public Builder events(Set<OutboxEvent> events) {
      if (events.isEmpty()) {
        throw new IllegalArgumentException("no events for the event entity");
      }
      this.events = EnumSet.copyOf(events);
      return this;
    }

    /**
     * @param timeout how long a publication may wait for the broker (default 10 s, 1 ms to 20 s)
     * @return this
     * @since 0.4
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(20))
          > 0) {
        throw new IllegalArgumentException("timeout must be 1 ms to 20 s");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Builds the bridge and starts connecting (in the background, with retries).
     *
     * @return the bridge
     * @since 0.4
     */
    public HomeAssistantBridge build() {
      return new HomeAssistantBridge(this);
    }
  }
}
