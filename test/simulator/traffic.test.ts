/** The request log: bounded in entries and in what each entry keeps. */
import { LOG_LIMIT, LOGGED_TEXT_LIMIT, Traffic, type LoggedRequest } from '../../simulator/traffic';

const entry = (index: number, overrides: Partial<LoggedRequest> = {}): LoggedRequest => ({
  at: new Date(0).toISOString(),
  method: 'GET',
  path: `/v1/configuration/numbers?${index}`,
  route: 'GET /v1/configuration/numbers',
  status: 200,
  ...overrides,
});

it(`keeps the last ${LOG_LIMIT} entries and counts them all`, () => {
  const traffic = new Traffic();
  for (let index = 0; index < LOG_LIMIT + 50; index += 1) traffic.record(entry(index));
  const requests = traffic.requests();
  expect(requests).toHaveLength(LOG_LIMIT);
  expect(requests[0]?.path).toBe('/v1/configuration/numbers?50');
  expect(traffic.counts()).toEqual({ 'GET /v1/configuration/numbers': LOG_LIMIT + 50 });
});

it('cuts long paths and Authorization schemes, saying how long they were', () => {
  const traffic = new Traffic();
  traffic.record(entry(0, { path: `/v1/${'x'.repeat(15_000)}`, scheme: 'S'.repeat(15_000) }));
  const [kept] = traffic.requests();
  expect(kept?.path).toBe(`/v1/${'x'.repeat(LOGGED_TEXT_LIMIT - 4)}…(15004 characters)`);
  expect(kept?.scheme).toBe(`${'S'.repeat(LOGGED_TEXT_LIMIT)}…(15000 characters)`);
});

it('a full log of hostile requests answers in a bounded size', () => {
  const traffic = new Traffic();
  for (let index = 0; index < LOG_LIMIT; index += 1)
    traffic.record(entry(index, { path: `/v1/${'x'.repeat(15_000)}`, scheme: 'S'.repeat(15_000) }));
  expect(JSON.stringify({ requests: traffic.requests() }).length).toBeLessThan(LOG_LIMIT * 1_000);
});

it('counts each kind of fault', () => {
  const traffic = new Traffic();
  traffic.record(entry(0, { status: 503, fault: 'fail' }));
  traffic.record(entry(1, { status: 429, fault: 'throttle' }));
  traffic.record(entry(2, { status: 500, fault: 'fail' }));
  traffic.record(entry(3));
  expect(traffic.faultCounts()).toEqual({ fail: 2, throttle: 1 });
});
