CREATE TABLE customer (
    id    bigint PRIMARY KEY,
    name  text   NOT NULL,
    email text   NOT NULL UNIQUE,
    tier  text   NOT NULL CHECK (tier IN ('BRONZE', 'SILVER', 'GOLD', 'PLATINUM'))
);

-- A PENDING row claims an idempotency key while its payment is authorised; it becomes
-- CONFIRMED, or is deleted when the payment is declined or fails.
CREATE TABLE purchase_order (
    id               bigserial   PRIMARY KEY,
    customer_id      bigint      NOT NULL REFERENCES customer (id),
    total_cents      bigint      NOT NULL CHECK (total_cents >= 0),
    status           text        NOT NULL,
    idempotency_key  text        NOT NULL UNIQUE,
    request_hash     text,
    authorization_id text,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX purchase_order_customer_latest ON purchase_order (customer_id, created_at DESC, id DESC);
