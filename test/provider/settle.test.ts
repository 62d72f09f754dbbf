/** writeUntilLanded: the live state, not the answer, decides whether a write happened and whether to send it again. */
import { SinchApiError } from '../../provider';
import {
  ROUNDS,
  writeUntilLanded as writeWithBackoff,
  type CheckedWrite,
  type Outcome,
} from '../../provider/implementation/settle';
import { failureOf } from '../support/fixtures';

/** Without the waits between rounds, which only space them out. */
const writeUntilLanded = (change: CheckedWrite) => writeWithBackoff(change, async () => undefined);

/** A write whose answers and read-backs are scripted, one per round. */
function scripted(answers: Array<Error | undefined>, outcomes: Outcome[]): CheckedWrite & { writes: number } {
  const change = {
    writes: 0,
    description: 'the test write',
    write: async () => {
      const answer = answers[change.writes];
      change.writes += 1;
      if (answer) throw answer;
    },
    outcome: async () => outcomes.shift() ?? 'unchanged',
    contended: () => new Error('contended'),
  };
  return change;
}

const lostAnswer = () => Object.assign(new Error('socket hang up'), { name: 'SinchConnectionError' });
const notAssigned = () =>
  new SinchApiError('unassignNumber', 400, { errorCode: 40001, message: 'Unable to update numbers: not assigned' });

it('an answer lost after the write took effect: the read-back shows it landed, so it is a success, sent once', async () => {
  const change = scripted([lostAnswer()], ['landed']);
  await writeUntilLanded(change);
  expect(change.writes).toBe(1);
});

it('a refusal whose object is already as wanted (a retried unassign answered "not assigned") is a success', async () => {
  const change = scripted([notAssigned()], ['landed']);
  await writeUntilLanded(change);
  expect(change.writes).toBe(1);
});

it('an ambiguous failure that did not land is sent again, and the second landing ends it', async () => {
  const change = scripted([lostAnswer(), undefined], ['unchanged', 'landed']);
  await writeUntilLanded(change);
  expect(change.writes).toBe(2);
});

it('accepted but not applied: sent again; ten rounds without effect fail saying so', async () => {
  const change = scripted([], Array(ROUNDS).fill('unchanged'));
  expect((await failureOf(writeUntilLanded(change))).message).toBe(
    'Sinch accepted the test write 10 times, but the live state does not show it.',
  );
  expect(change.writes).toBe(10);
});

it('rounds are spaced out by the backoff', async () => {
  const change = scripted([lostAnswer(), lostAnswer(), undefined], ['unchanged', 'unchanged', 'landed']);
  const started = Date.now();
  await writeWithBackoff(change);
  // 50 ms and 100 ms, each with jitter down to half.
  expect(Date.now() - started).toBeGreaterThanOrEqual(70);
});

it("a refusal (4xx) that did not land fails at once with Sinch's error, sent once", async () => {
  const refusal = notAssigned();
  const change = scripted([refusal], ['unchanged']);
  expect(await failureOf(writeUntilLanded(change))).toBe(refusal);
  expect(change.writes).toBe(1);
});

it('someone else changed the object meanwhile: stops with the contention error and writes nothing more', async () => {
  const change = scripted([lostAnswer()], ['changed']);
  expect((await failureOf(writeUntilLanded(change))).message).toBe('contended');
  expect(change.writes).toBe(1);
});

it('the last ambiguous error is what fails after ten rounds', async () => {
  const last = lostAnswer();
  const change = scripted([...Array.from({ length: ROUNDS - 1 }, lostAnswer), last], Array(ROUNDS).fill('unchanged'));
  expect(await failureOf(writeUntilLanded(change))).toBe(last);
});
