-- Hourly delivery rollups, h2 dialect. Keep in step with db/migration/postgresql/V2__stats_rollups.sql.
-- Maintained by the append and purge transactions (RollupWriter): one row per account x UTC hour of
-- createdAt x campaign x lower-cased sender x recipient domain, holding the counts of those logs:
-- total, one per current status, and how many have a deliveredDate, the opened flag, the clicked
-- flag. campaign_key is the hex SHA-256 of campaign_id (null for no campaign), so the key stays
-- short whatever the campaign's length. stats_hourly_account holds the same sums without the
-- dimensions, for the unfiltered, unsplit statistics.

CREATE TABLE stats_hourly (
  account_id        BIGINT       NOT NULL,
  hour_start        TIMESTAMP WITH TIME ZONE NOT NULL,
  campaign_key      VARCHAR(64),
  campaign_id       VARCHAR,
  from_key          VARCHAR(320) NOT NULL,
  recipient_domain  VARCHAR(320) NOT NULL,
  total             BIGINT NOT NULL,
  s_queued          BIGINT NOT NULL,
  s_sent            BIGINT NOT NULL,
  s_delivered       BIGINT NOT NULL,
  s_bounced         BIGINT NOT NULL,
  s_failed          BIGINT NOT NULL,
  s_opened          BIGINT NOT NULL,
  s_clicked         BIGINT NOT NULL,
  s_spam            BIGINT NOT NULL,
  s_unsubscribed    BIGINT NOT NULL,
  delivered         BIGINT NOT NULL,
  opened            BIGINT NOT NULL,
  clicked           BIGINT NOT NULL
);
-- (H2 serialises appends and purges in the JVM: the key index need not be unique, and
-- NULLS NOT DISTINCT is PostgreSQL's)
CREATE INDEX stats_hourly_key
  ON stats_hourly (account_id, hour_start, campaign_key, from_key, recipient_domain);
CREATE INDEX stats_hourly_by_campaign ON stats_hourly (account_id, campaign_key, hour_start);
CREATE INDEX stats_hourly_by_from     ON stats_hourly (account_id, from_key, hour_start);
CREATE INDEX stats_hourly_by_domain   ON stats_hourly (account_id, recipient_domain, hour_start);

CREATE TABLE stats_hourly_account (
  account_id        BIGINT       NOT NULL,
  hour_start        TIMESTAMP WITH TIME ZONE NOT NULL,
  total             BIGINT NOT NULL,
  s_queued          BIGINT NOT NULL,
  s_sent            BIGINT NOT NULL,
  s_delivered       BIGINT NOT NULL,
  s_bounced         BIGINT NOT NULL,
  s_failed          BIGINT NOT NULL,
  s_opened          BIGINT NOT NULL,
  s_clicked         BIGINT NOT NULL,
  s_spam            BIGINT NOT NULL,
  s_unsubscribed    BIGINT NOT NULL,
  delivered         BIGINT NOT NULL,
  opened            BIGINT NOT NULL,
  clicked           BIGINT NOT NULL,
  PRIMARY KEY (account_id, hour_start)
);

-- the logs stored before this migration
INSERT INTO stats_hourly (account_id, hour_start, campaign_key, campaign_id, from_key,
  recipient_domain, total, s_queued, s_sent, s_delivered, s_bounced, s_failed, s_opened, s_clicked, s_spam, s_unsubscribed, delivered, opened, clicked)
SELECT account_id, hour_start, LOWER(RAWTOHEX(HASH('SHA-256', CAST(campaign_id AS VARCHAR)))), campaign_id, from_key,
  recipient_domain, total, s_queued, s_sent, s_delivered, s_bounced, s_failed, s_opened, s_clicked, s_spam, s_unsubscribed, delivered, opened, clicked
FROM (SELECT account_id, CAST(DATE_TRUNC('HOUR', created_at AT TIME ZONE 'UTC') AS TIMESTAMP WITH TIME ZONE) AS hour_start, campaign_id, from_key, recipient_domain,
  COUNT(*),
    SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'bounced' THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'opened' THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'clicked' THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'spam' THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'unsubscribed' THEN 1 ELSE 0 END),
    SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN opened THEN 1 ELSE 0 END),
    SUM(CASE WHEN clicked THEN 1 ELSE 0 END)
  FROM email_logs
  GROUP BY account_id, CAST(DATE_TRUNC('HOUR', created_at AT TIME ZONE 'UTC') AS TIMESTAMP WITH TIME ZONE), campaign_id, from_key, recipient_domain) AS x (account_id, hour_start, campaign_id, from_key, recipient_domain, total, s_queued, s_sent, s_delivered, s_bounced, s_failed, s_opened, s_clicked, s_spam, s_unsubscribed, delivered, opened, clicked);

INSERT INTO stats_hourly_account (account_id, hour_start, total, s_queued, s_sent, s_delivered, s_bounced, s_failed, s_opened, s_clicked, s_spam, s_unsubscribed, delivered, opened, clicked)
SELECT account_id, hour_start,
  SUM(total),
  SUM(s_queued),
  SUM(s_sent),
  SUM(s_delivered),
  SUM(s_bounced),
  SUM(s_failed),
  SUM(s_opened),
  SUM(s_clicked),
  SUM(s_spam),
  SUM(s_unsubscribed),
  SUM(delivered),
  SUM(opened),
  SUM(clicked)
FROM stats_hourly GROUP BY account_id, hour_start;
