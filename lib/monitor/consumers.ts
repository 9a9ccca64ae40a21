import "server-only";
import { rollupConsumer } from "./rollups/rollup-consumer";
import type { TMonitorConsumer } from "./watermark/advance-consumer";

/** Everything that reads the sealed access log behind the sequencer, each with its own watermark. */
export const MONITOR_CONSUMERS: readonly TMonitorConsumer[] = [rollupConsumer];
