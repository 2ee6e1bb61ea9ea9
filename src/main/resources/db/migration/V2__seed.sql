-- Deterministic seed: the same rows on every run, each table filled by one set operation.
INSERT INTO customer (id, name, email, tier)
SELECT g,
       (ARRAY['Ada', 'Alan', 'Barbara', 'Dennis', 'Edsger', 'Frances', 'Grace', 'Ken', 'Leslie', 'Margaret'])[1 + g % 10]
           || ' ' ||
       (ARRAY['Lovelace', 'Turing', 'Liskov', 'Ritchie', 'Dijkstra', 'Allen', 'Hopper', 'Thompson', 'Lamport', 'Hamilton'])[1 + (g / 10) % 10],
       'customer' || g || '@example.com',
       (ARRAY['BRONZE', 'SILVER', 'GOLD', 'PLATINUM'])[1 + (g * 7) % 4]
FROM generate_series(1, 10000) AS g;

-- 0 to 5 orders per customer ((id * 7) % 6 of them), one hour apart per customer
INSERT INTO purchase_order (customer_id, total_cents, status, idempotency_key, created_at)
SELECT c.id,
       500 + (c.id * 7919 + n * 104729) % 99500,
       (ARRAY['CONFIRMED', 'SHIPPED', 'DELIVERED'])[1 + (c.id + n) % 3],
       'seed-' || c.id || '-' || n,
       timestamptz '2026-01-01 00:00:00+00' + (c.id % 300) * interval '1 day' + n * interval '1 hour'
FROM customer AS c
CROSS JOIN generate_series(1, 5) AS n
WHERE n <= (c.id * 7) % 6
ORDER BY c.id, n;
