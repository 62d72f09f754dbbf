/**
 * This process's CPU seconds, and those of its reaped children (a CLI, and through it the plugins and language hosts
 * it reaped), from /proc/self/stat: utime, stime, cutime, cstime, in clock ticks (100 a second on Linux).
 */
import { readFileSync } from 'node:fs';

export function cpuSeconds(): { self: number; children: number } {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  const tick = (index: number) => Number(fields[index - 3]) / 100;
  return { self: tick(14) + tick(15), children: tick(16) + tick(17) };
}
