/**
 * Before any live test file is collected: the capabilities the list shows for each allowed number, read once (a
 * read, nothing else), so that a test needing a particular kind of number can be reported as skipped, rather than
 * pass without checking anything, when SINCH_LIVE_NUMBERS has none. Test files run in this process (--runInBand)
 * or in workers started after it, so they see the variable.
 */
import { LISTED_CAPABILITIES, liveClient, settings } from './account';

export default async function globalSetup(): Promise<void> {
  const listed: Record<string, string[]> = {};
  for (const entry of await liveClient().listNumbers()) {
    if (settings.numbers.includes(entry.number))
      listed[entry.number] = [...(listed[entry.number] ?? []), entry.capability];
  }
  process.env[LISTED_CAPABILITIES] = JSON.stringify(listed);
}
