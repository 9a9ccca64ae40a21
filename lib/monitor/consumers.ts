import "server-only";
import { rulesConsumer } from "./alerts/rules-consumer";
import { rollupConsumer } from "./rollups/rollup-consumer";
import type { TMonitorConsumer } from "./watermark/advance-consumer";

/**
 * Everything that reads the sealed access log behind the sequencer, each with its own watermark,
 * stepped in this order: the rules follow the rollups they read their baselines from.
 */
export const MONITOR_CONSUMERS: readonly TMonitorConsumer[] = [rollupConsumer, rulesConsumer];
