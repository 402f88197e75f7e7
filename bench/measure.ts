/** Peak-RSS sampler and a uniform result line for every benchmark. */
export interface BenchResult {
  name: string;
  items: number;
  unit: string;
  seconds: number;
  peakRssMiB: number;
}

export async function measure(name: string, unit: string, fn: () => Promise<number>): Promise<BenchResult> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const start = process.hrtime.bigint();
  const items = await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { name, items, unit, seconds, peakRssMiB: peak / 1024 / 1024 };
}

export function report(r: BenchResult): string {
  const rate = r.items / r.seconds;
  return `${r.name.padEnd(40)} ${r.items.toLocaleString('en-US').padStart(9)} ${r.unit.padEnd(6)} ${r.seconds.toFixed(2).padStart(7)} s ${Math.round(rate).toLocaleString('en-US').padStart(9)} ${r.unit}/s  peak RSS ${r.peakRssMiB.toFixed(0)} MiB`;
}
