/**
 * What the plain CLI says about an operation run with `--json`: the resource changes of its summary, or the engine's
 * words when it failed. `up`, `refresh` and `destroy` print one engine event per line, among them one `summaryEvent`
 * (`resourceChanges`, `result`); `preview` prints one JSON document with `changeSummary` (and `diagnostics`).
 */
import type { DriverOperation, ResourceChanges } from './protocol';

interface EngineEvent {
  summaryEvent?: { resourceChanges?: ResourceChanges; result?: string };
  diagnosticEvent?: { message?: string; severity?: string; urn?: string };
}

interface PreviewDocument {
  changeSummary?: ResourceChanges;
  diagnostics?: Array<{ message?: string; severity?: string; urn?: string }>;
}

export type CliSummary = { ok: true; changes: ResourceChanges } | { ok: false; message: string };

/** Error diagnostics, each as `<urn>: <message>` (trimmed); what the person running the CLI reads as the failure. */
function errors(diagnostics: Array<{ message?: string; severity?: string; urn?: string }>): string[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => `${diagnostic.urn ? `${diagnostic.urn}: ` : ''}${(diagnostic.message ?? '').trim()}`);
}

function parseLines(stdout: string): EngineEvent[] {
  const events: EngineEvent[] = [];
  for (const line of stdout.split('\n')) {
    const text = line.trim();
    if (!text.startsWith('{')) continue;
    try {
      events.push(JSON.parse(text) as EngineEvent);
    } catch {
      // Not an event (the CLI prints a few plain lines around them): skip it.
    }
  }
  return events;
}

/**
 * The summary of `pulumi <operation> --json`, from its stdout. Not ok when the summary is missing, or says the
 * operation did not succeed, or there are error diagnostics; the message then has those, or the end of stdout.
 */
export function parseCliSummary(operation: DriverOperation, stdout: string): CliSummary {
  const tail = () => stdout.trim().slice(-2000) || '(nothing on stdout)';
  if (operation === 'preview') {
    let document: PreviewDocument;
    try {
      document = JSON.parse(stdout) as PreviewDocument;
    } catch {
      return { ok: false, message: `preview printed no JSON document: ${tail()}` };
    }
    const failures = errors(document.diagnostics ?? []);
    if (failures.length > 0) return { ok: false, message: failures.join('\n') };
    if (!document.changeSummary) return { ok: false, message: `preview printed no changeSummary: ${tail()}` };
    return { ok: true, changes: document.changeSummary };
  }
  const events = parseLines(stdout);
  const failures = errors(events.flatMap((event) => (event.diagnosticEvent ? [event.diagnosticEvent] : [])));
  const summary = events.findLast((event) => event.summaryEvent)?.summaryEvent;
  if (failures.length > 0) return { ok: false, message: failures.join('\n') };
  if (!summary) return { ok: false, message: `${operation} printed no summary event: ${tail()}` };
  if (summary.result !== undefined && summary.result !== 'succeeded')
    return { ok: false, message: `${operation} ended with result ${JSON.stringify(summary.result)}` };
  return { ok: true, changes: summary.resourceChanges ?? {} };
}
