// A one-line progress bar on stderr when it is a terminal; silent otherwise (CI logs, pipes).

export function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update: (done: number, total: number) => {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const frac = total ? Math.min(1, done / total) : 1;
      const filled = Math.round(frac * width);
      process.stderr.write(
        `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}`,
      );
    },
    done: () => {
      if (tty) process.stderr.write("\n");
    },
  };
}
