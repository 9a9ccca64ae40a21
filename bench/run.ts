// `npm run bench -- <suite>`: benchmarks that print ratios against a baseline measured in the
// same run on the same database. Not part of `npm test`: they measure speed, tests measure truth.
import os from "node:os";

const SUITES: Record<string, () => Promise<{ run: (args: string[]) => Promise<void> }>> = {
  bundle: () => import("./bundle"),
  explorer: () => import("./explorer"),
  faults: () => import("./faults"),
  ledger: () => import("./ledger"),
  load: () => import("./load"),
  monitor: () => import("./monitor"),
  vault: () => import("./vault"),
};

const [suite, ...args] = process.argv.slice(2);
if (!suite || !SUITES[suite]) {
  console.error(`usage: npm run bench -- <${Object.keys(SUITES).join("|")}> [options]`);
  process.exit(2);
}
console.log(
  `# ${suite} benchmark — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
const mod = await SUITES[suite]();
await mod.run(args);
process.exit(0);
