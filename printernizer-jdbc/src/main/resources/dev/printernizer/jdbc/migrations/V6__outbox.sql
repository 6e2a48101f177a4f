-- Schema version 6: the outbox. An entry is written in the transaction of the job change that
-- caused it (see OutboxRules), with a pending delivery for every registered destination that
-- subscribed to its event; event_key is the idempotency key, unique. A destination's lease
-- (owner and until, epoch milliseconds) says which instance delivers for it.
CREATE TABLE printernizer_outbox (
  seq          ${AUTO_ID},
  event_key    VARCHAR(255)   NOT NULL,
  event_type   VARCHAR(40)    NOT NULL,
  at_ms        BIGINT         NOT NULL,
  printer_id   VARCHAR(128)   NOT NULL,
  job_id       VARCHAR(64),
  job_version  BIGINT         NOT NULL,
  detail       VARCHAR(1000)
)${TABLE_OPTIONS};
CREATE UNIQUE INDEX printernizer_outbox_key ON printernizer_outbox (event_key);
CREATE INDEX printernizer_outbox_job ON printernizer_outbox (job_id);
CREATE TABLE printernizer_outbox_destinations (
  name         VARCHAR(128)   NOT NULL PRIMARY KEY,
  events       VARCHAR(1000)  NOT NULL,
  lease_owner  VARCHAR(64),
  lease_until  BIGINT         NOT NULL
)${TABLE_OPTIONS};
CREATE TABLE printernizer_outbox_deliveries (
  destination  VARCHAR(128)   NOT NULL,
  seq          BIGINT         NOT NULL,
  state        VARCHAR(10)    NOT NULL,
  attempts     INTEGER        NOT NULL,
  next_at      BIGINT         NOT NULL,
  last_error   VARCHAR(1000),
  memo         VARCHAR(1000),
  done_at      BIGINT,
  PRIMARY KEY (destination, seq)
)${TABLE_OPTIONS};
CREATE INDEX printernizer_outbox_due ON printernizer_outbox_deliveries (destination, state, seq);
