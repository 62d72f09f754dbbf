/** What the plain CLI's `--json` output says: the summary of each operation, or the engine's words on a failure. */
import { parseCliSummary } from '../../bench/engine/summary';
import { operationArguments } from '../../bench/engine/yamlProject';

const event = (body: Record<string, unknown>, sequence = 0) =>
  JSON.stringify({ sequence, timestamp: 1796173482, ...body });
const stream = (...lines: string[]) => `${lines.join('\n')}\n`;
const summaryEvent = (resourceChanges: Record<string, number>, result = 'succeeded') =>
  event({ summaryEvent: { maybeCorrupt: false, durationSeconds: 1, resourceChanges, isPreview: false, result } });

it('up, refresh, destroy: the resource changes of the summary event, among the other events', () => {
  const stdout = stream(
    event({ preludeEvent: { config: {} } }),
    event({ diagnosticEvent: { prefix: 'debug: ', message: 'Registering resource [a]\n', severity: 'debug' } }),
    event({ diagnosticEvent: { message: 'pulumi-sinch-voice: +14155550000 (voice) adopted', severity: 'info' } }),
    summaryEvent({ create: 506 }),
    event({ cancelEvent: {} }),
  );
  expect(parseCliSummary('up', stdout)).toEqual({ ok: true, changes: { create: 506 } });
  expect(parseCliSummary('refresh', stream(summaryEvent({ same: 3 })))).toEqual({ ok: true, changes: { same: 3 } });
  expect(parseCliSummary('destroy', `Destroying (n50):\n${stream(summaryEvent({}))}`)).toEqual({
    ok: true,
    changes: {},
  });
});

it('an error diagnostic, a failed result or no summary: not ok, with what the engine said', () => {
  const urn = 'urn:pulumi:n50::p::sinch:voice:NumberAssignment::number-0';
  const failed = stream(
    event({ diagnosticEvent: { urn, message: '  Sinch refused the credentials\n', severity: 'error' } }),
    summaryEvent({ create: 3 }, 'failed'),
  );
  expect(parseCliSummary('up', failed)).toEqual({ ok: false, message: `${urn}: Sinch refused the credentials` });
  expect(parseCliSummary('refresh', stream(summaryEvent({ same: 1 }, 'failed')))).toEqual({
    ok: false,
    message: 'refresh ended with result "failed"',
  });
  expect(parseCliSummary('destroy', 'error: no stack\n')).toEqual({
    ok: false,
    message: 'destroy printed no summary event: error: no stack',
  });
  expect(parseCliSummary('up', '')).toEqual({ ok: false, message: 'up printed no summary event: (nothing on stdout)' });
});

it('preview: the change summary of its one document, or its error diagnostics', () => {
  const document = { steps: [], duration: 1_000_000, changeSummary: { same: 506 } };
  expect(parseCliSummary('preview', JSON.stringify(document, null, 4))).toEqual({ ok: true, changes: { same: 506 } });
  const failed = { steps: [], diagnostics: [{ message: 'bad input\n', severity: 'error' }, { severity: 'info' }] };
  expect(parseCliSummary('preview', JSON.stringify(failed))).toEqual({ ok: false, message: 'bad input' });
  expect(parseCliSummary('preview', '{"steps": []}')).toEqual({
    ok: false,
    message: 'preview printed no changeSummary: {"steps": []}',
  });
  expect(parseCliSummary('preview', 'not json')).toEqual({
    ok: false,
    message: 'preview printed no JSON document: not json',
  });
});

it("the CLI's arguments: as the Automation API runs each operation, with --json, the stack and the parallelism", () => {
  expect(operationArguments('up', 'n500')).toEqual(['up', '--yes', '--skip-preview', '--json', '--stack', 'n500']);
  expect(operationArguments('preview', 'n500')).toEqual(['preview', '--json', '--stack', 'n500']);
  expect(operationArguments('refresh', 'n500-wide', 500)).toEqual([
    'refresh',
    '--yes',
    '--skip-preview',
    '--json',
    '--stack',
    'n500-wide',
    '--parallel',
    '500',
  ]);
  expect(operationArguments('destroy', 's').slice(0, 3)).toEqual(['destroy', '--yes', '--skip-preview']);
});
