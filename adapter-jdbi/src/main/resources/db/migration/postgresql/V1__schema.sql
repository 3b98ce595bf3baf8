-- email-logs schema, PostgreSQL dialect. Keep in step with db/migration/h2/V1__schema.sql.
-- Instants are stored truncated to microseconds (the precision of TIMESTAMP WITH TIME ZONE).

CREATE SEQUENCE account_ids;

CREATE TABLE accounts (
  id         BIGINT  PRIMARY KEY,
  name       VARCHAR NOT NULL,
  tenant_id  BIGINT  NOT NULL,
  rate_limit INTEGER
);

CREATE TABLE api_keys (
  key_id      VARCHAR(64) PRIMARY KEY,
  account_id  BIGINT      NOT NULL,
  name        VARCHAR     NOT NULL,
  secret_hash BYTEA       NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_keys_account ON api_keys (account_id);

CREATE TABLE sending_domains (
  account_id BIGINT       NOT NULL,
  domain     VARCHAR(253) NOT NULL,
  verified   BOOLEAN      NOT NULL,
  PRIMARY KEY (account_id, domain)
);

CREATE TABLE settings (
  name  VARCHAR(64) PRIMARY KEY,
  setting_value BYTEA NOT NULL
);

-- One row per log. *_key columns hold what the query API filters on: lower-cased addresses
-- (case-insensitive filters) and the first 100 characters of long free texts (so their B-tree
-- entries stay small; the full value is compared too). tags and track are JSON text.
CREATE SEQUENCE email_log_ids;

CREATE TABLE email_logs (
  id                BIGINT       PRIMARY KEY,
  account_id        BIGINT       NOT NULL,
  tenant_id         BIGINT       NOT NULL,
  ref_id            VARCHAR(64)  NOT NULL,
  recipient_address VARCHAR(320) NOT NULL,
  recipient_key     VARCHAR(320) NOT NULL,
  recipient_domain  VARCHAR(320) NOT NULL,
  recipient_type    VARCHAR(3)   NOT NULL,
  from_address      VARCHAR(320) NOT NULL,
  from_key          VARCHAR(320) NOT NULL,
  subject           VARCHAR      NOT NULL,
  subject_key       VARCHAR(100) NOT NULL,
  status            VARCHAR(16)  NOT NULL,
  priority          VARCHAR(8)   NOT NULL,
  campaign_id       VARCHAR,
  campaign_key      VARCHAR(100),
  tags              VARCHAR      NOT NULL,
  opened            BOOLEAN      NOT NULL,
  clicked           BOOLEAN      NOT NULL,
  failed_reason     VARCHAR,
  failed_reason_key VARCHAR(100),
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  delivered_at      TIMESTAMP WITH TIME ZONE,
  updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  status_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  failed_reason_at  TIMESTAMP WITH TIME ZONE,
  track             VARCHAR      NOT NULL
);

-- identity of a log; also serves the batch's "load existing logs" by (account_id, ref_id)
CREATE UNIQUE INDEX email_logs_identity ON email_logs (account_id, ref_id, recipient_key);
-- the query API: one index per filter, each ending in the keyset order
CREATE INDEX email_logs_page           ON email_logs (account_id, created_at DESC, id DESC);
CREATE INDEX email_logs_by_email       ON email_logs (account_id, recipient_key, created_at DESC, id DESC);
CREATE INDEX email_logs_by_domain      ON email_logs (account_id, recipient_domain, created_at DESC, id DESC);
CREATE INDEX email_logs_by_ref         ON email_logs (account_id, ref_id, created_at DESC, id DESC);
CREATE INDEX email_logs_by_status      ON email_logs (account_id, status, created_at DESC, id DESC);
CREATE INDEX email_logs_by_from        ON email_logs (account_id, from_key, created_at DESC, id DESC);
CREATE INDEX email_logs_by_subject     ON email_logs (account_id, subject_key, created_at DESC, id DESC);
CREATE INDEX email_logs_by_campaign    ON email_logs (account_id, campaign_key, created_at DESC, id DESC);
CREATE INDEX email_logs_by_type        ON email_logs (account_id, recipient_type, created_at DESC, id DESC);
CREATE INDEX email_logs_by_reason      ON email_logs (account_id, failed_reason_key, created_at DESC, id DESC);
CREATE INDEX email_logs_by_delivered   ON email_logs (account_id, delivered_at, created_at DESC, id DESC);
-- (retention purges account by account through email_logs_page: a separate created_at index
-- would tempt the planner into scanning all accounts' logs for a page of one)

-- One row per stored event, with the message fields of its log copied at ingestion so the stream
-- reads one row per event. sequence is gap-free: taken from event_counter inside the append
-- transaction, whose row lock makes commit order equal sequence order.
CREATE TABLE log_events (
  sequence          BIGINT       PRIMARY KEY,
  event_id          VARCHAR(128) NOT NULL,
  log_id            BIGINT       NOT NULL REFERENCES email_logs (id) ON DELETE CASCADE,
  account_id        BIGINT       NOT NULL,
  sender_domain     VARCHAR(320) NOT NULL,
  event_type        VARCHAR(16)  NOT NULL,
  occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  ref_id            VARCHAR(64)  NOT NULL,
  recipient_address VARCHAR(320) NOT NULL,
  recipient_key     VARCHAR(320) NOT NULL,
  from_address      VARCHAR(320) NOT NULL,
  from_key          VARCHAR(320) NOT NULL,
  subject           VARCHAR      NOT NULL,
  campaign_id       VARCHAR,
  tags              VARCHAR      NOT NULL,
  reason            VARCHAR,
  user_agent        VARCHAR,
  ip                VARCHAR,
  url               VARCHAR
);
CREATE UNIQUE INDEX log_events_event_id ON log_events (event_id);
CREATE INDEX log_events_stream ON log_events (account_id, sender_domain, sequence);
CREATE INDEX log_events_log ON log_events (log_id);

CREATE TABLE event_counter (
  id         INTEGER PRIMARY KEY,
  last_value BIGINT  NOT NULL
);
INSERT INTO event_counter (id, last_value) VALUES (1, 0);

-- Shared request limiter: one token bucket per account, updated in one statement.
CREATE TABLE rate_buckets (
  account_id  BIGINT           PRIMARY KEY,
  tokens      DOUBLE PRECISION NOT NULL,
  refilled_at TIMESTAMP WITH TIME ZONE NOT NULL,
  allowed     BOOLEAN          NOT NULL
);
