-- CRM schema (idempotent; applied at start-up by Spring's SQL init).
-- Order ids: 6-7 digit numeric strings from this sequence, starting at 100000.
CREATE SEQUENCE IF NOT EXISTS order_id_seq START WITH 100000 MINVALUE 100000 MAXVALUE 9999999 NO CYCLE;

CREATE TABLE IF NOT EXISTS orders (
  order_id         VARCHAR(7)    PRIMARY KEY,
  status           VARCHAR(32)   NOT NULL,
  user_id          VARCHAR(64),
  channel          VARCHAR(32),
  customer         TEXT          NOT NULL,
  delivery_address TEXT          NOT NULL,
  items            TEXT          NOT NULL,
  total            NUMERIC(12,2) NOT NULL,
  currency         VARCHAR(3)    NOT NULL,
  payment_id       VARCHAR(64),
  created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ   NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS order_events (
  id         BIGSERIAL    PRIMARY KEY,
  order_id   VARCHAR(7)   NOT NULL,
  status     VARCHAR(32)  NOT NULL,
  detail     TEXT,
  at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS order_events_order_idx ON order_events (order_id);
