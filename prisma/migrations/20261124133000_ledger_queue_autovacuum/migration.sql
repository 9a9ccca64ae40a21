-- Hand-written (storage parameters only; schema.prisma is unchanged).
-- LedgerQueue is a hot insert-then-delete queue: every seal deletes a batch from its head, and
-- the next seal's "first N by id" scan has to step over every dead tuple left there. The default
-- trigger (20 % of the table) never fires on a table that is almost always near empty, so vacuum
-- it after a fixed number of dead rows, without cost-based throttling. The sequencer also
-- vacuums it itself after every 100,000 taken rows; this covers queues drained by other means.
ALTER TABLE "LedgerQueue" SET (
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 20000,
  autovacuum_vacuum_insert_scale_factor = 0,
  autovacuum_vacuum_insert_threshold = 20000,
  autovacuum_vacuum_cost_delay = 0
);
