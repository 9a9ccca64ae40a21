// A helper process of a benchmark run on the benchmark's database (the monitor's follower, a
// sealing-only sequencer): started with this process's node flags, read by line, ready once it
// prints a line `isReady` accepts, stopped with SIGTERM as an operator would stop it.
import { spawn } from "node:child_process";
import { once } from "node:events";

export async function startHelperProcess(o: {
  args: string[];
  databaseUrl: string;
  isReady: (line: string) => boolean;
  /** Every line after the ready one, and before it too. */
  onLine?: (line: string) => void;
}): Promise<{ stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...process.execArgv, ...o.args], {
    env: { ...process.env, DATABASE_URL: o.databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let buffered = "";
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${o.args.join(" ")} exited with ${code} before it was ready`)));
    child.stdout.on("data", (b: Buffer) => {
      buffered += b.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        if (o.isReady(line)) resolve();
        o.onLine?.(line);
      }
    });
  });
  return {
    async stop() {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}
