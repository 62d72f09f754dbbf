import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

jest.setTimeout(30 * 60_000);

/** `npm run demo` as a newcomer runs it: the built script, the real engine, the simulator it starts itself. */
it('npm run demo: up, a table read back from the API, a second up that changes nothing, then drift found and put back', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(__dirname, '..', '..', 'dist', 'scripts', 'demo.js')],
    {
      env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SINCH_'))),
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  expect(stdout).toMatch(/^simulator: http:\/\/127\.0\.0\.1:\d+/m);
  expect(stdout).toMatch(/Bindings, as http:\/\/127\.0\.0\.1:\d+ lists them:\n\s+NUMBER\s+CAPABILITY\s+APPLICATION\n/);
  expect(stdout).toMatch(/^\s+\+12012222222\s+voice\s+ba5eba11-1dea-1337-babe-5a1ad00d1eaf$/m);
  expect(stdout).toMatch(/^\s+\+12014444444\s+sms\s+f00dcafe-abba-c0de-1dea-dabb1ed4caf3$/m);
  expect(stdout).toMatch(
    /^\s+ba5eba11-1dea-1337-babe-5a1ad00d1eaf\s+https:\/\/voice\.example\.com\/sinch\/one\s+https:\/\/backup\.example\.com\/sinch\/one$/m,
  );
  expect(stdout).toMatch(/^first up: {2}6 create$/m);
  expect(stdout).toMatch(/^second up: 6 same$/m);
  // The dashboard's changes: shown live, found by refresh (a binding and a callback URL), and put back by up.
  const [beforeRefresh, afterUp] = stdout
    .split('$ pulumi refresh')
    .map((part, index) => (index === 0 ? part.split('# Meanwhile')[1] : part.split('$ pulumi up')[1])) as [
    string,
    string,
  ];
  expect(beforeRefresh).toMatch(/^\s+\+12013333333\s+voice\s+ba5eba11-1dea-1337-babe-5a1ad00d1eaf$/m);
  expect(beforeRefresh).toMatch(
    /^\s+f00dcafe-abba-c0de-1dea-dabb1ed4caf3\s+https:\/\/hand-edited\.example\.com\/sinch\s+-$/m,
  );
  const changes = (step: string) =>
    new Set(/^(?:refresh|third up): +(.*)$/m.exec(stdout.slice(stdout.indexOf(step)))?.[1]?.split(', '));
  expect(changes('\nrefresh:')).toEqual(new Set(['2 update', '4 same']));
  expect(changes('\nthird up:')).toEqual(new Set(['2 update', '4 same']));
  expect(afterUp).toMatch(/^\s+\+12013333333\s+voice\s+f00dcafe-abba-c0de-1dea-dabb1ed4caf3$/m);
  expect(afterUp).toMatch(/^\s+f00dcafe-abba-c0de-1dea-dabb1ed4caf3\s+https:\/\/voice\.example\.com\/sinch\/two\s+-$/m);
});
