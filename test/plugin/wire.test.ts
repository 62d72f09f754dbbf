/**
 * The plugin's pieces that face the engine, each alone: secret wrappers taken off, property maps that survive the
 * trip through protobuf, log lines sent to a real gRPC Engine service, errors as gRPC statuses with the secret cut out,
 * type tokens, and the version found from any depth.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, ServerCredentials, status, type ServerErrorResponse, type ServerUnaryCall } from '@grpc/grpc-js';
import { EngineService, type IEngineServer } from '@pulumi/pulumi/proto/engine_grpc_pb';
import { LogSeverity, type LogRequest } from '@pulumi/pulumi/proto/engine_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { engineLog, engineSender } from '../../provider/plugin/engineLog';
import { PluginError } from '../../provider/plugin/errors';
import { functionOf, kindOf, typeOf } from '../../provider/plugin/tokens';
import { unary } from '../../provider/plugin/unary';
import { plainValues, toStruct, unwrapSecrets } from '../../provider/plugin/values';
import { packageVersion } from '../../provider/plugin/version';
import { secret, struct } from './rpc';

describe('values', () => {
  it('takes off secret wrappers at any depth, and leaves other objects as they are', () => {
    const wrapped = {
      applicationSecret: secret('s3cr3t'),
      nested: [{ url: secret(secret('x')) }, 1, null],
      other: { value: 'kept', '4dabf18193072939515e22adb298388d': 'another kind' },
    };
    expect(unwrapSecrets(wrapped)).toEqual({
      applicationSecret: 's3cr3t',
      nested: [{ url: 'x' }, 1, null],
      other: wrapped.other,
    });
    expect(plainValues(struct(wrapped))).toEqual(unwrapSecrets(wrapped));
  });

  it('an absent property map is empty', () => {
    expect(plainValues(undefined)).toEqual({});
  });

  it('a response leaves out what the implementation left undefined', () => {
    expect(
      toStruct({
        number: '+12012222222',
        foundApplicationKey: undefined,
        adopted: false,
        list: [1, 'a'],
      }).toJavaScript(),
    ).toEqual({
      number: '+12012222222',
      adopted: false,
      list: [1, 'a'],
    });
  });
});

describe('engine log', () => {
  let engine: Server;
  let address: string;
  let received: LogRequest[];

  beforeEach(async () => {
    received = [];
    engine = new Server();
    const log: IEngineServer['log'] = (call: ServerUnaryCall<LogRequest, Empty>, callback) => {
      received.push(call.request);
      callback(null, new Empty());
    };
    engine.addService(EngineService, { log } as unknown as IEngineServer);
    const port = await new Promise<number>((resolve, reject) =>
      engine.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    address = `127.0.0.1:${port}`;
  });
  afterEach(() => engine.forceShutdown());

  it('sends each line to the engine with its URN and its severity, and flush waits for them', async () => {
    const log = engineLog(engineSender(address));
    log.write('info', 'adopted', 'urn:pulumi:dev::p::sinch:voice:NumberAssignment::a');
    log.write('info', 'for the stack');
    log.write('warning', 'left alone', 'urn:pulumi:dev::p::sinch:voice:NumberAssignment::b');
    await log.flush();
    expect(
      received.map((request) => [
        request.getMessage(),
        request.getUrn(),
        request.getSeverity(),
        request.getEphemeral(),
      ]),
    ).toEqual([
      ['adopted', 'urn:pulumi:dev::p::sinch:voice:NumberAssignment::a', LogSeverity.INFO, false],
      ['for the stack', '', LogSeverity.INFO, false],
      ['left alone', 'urn:pulumi:dev::p::sinch:voice:NumberAssignment::b', LogSeverity.WARNING, false],
    ]);
  });

  it('a line that cannot be sent goes to stderr, and fails nothing', async () => {
    engine.forceShutdown();
    const written = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const log = engineLog(engineSender(address));
      log.write('info', 'lost line');
      await expect(log.flush()).resolves.toBeUndefined();
      expect(written).toHaveBeenCalledWith(expect.stringContaining('lost line'));
    } finally {
      written.mockRestore();
    }
  });
});

describe('unary', () => {
  /** Calls a handler as grpc-js does, and answers what it called back with. */
  function callHandler<Response>(handler: ReturnType<typeof unary<object, Response>>) {
    return new Promise<{ error: ServerErrorResponse | null; response?: Response }>((resolve) =>
      handler({ request: {} } as ServerUnaryCall<object, Response>, (error, response) =>
        resolve({ error: error as ServerErrorResponse | null, response: response ?? undefined }),
      ),
    );
  }

  const answering = (order: string[]) => ({
    flush: async () => void order.push('flush'),
    redact: (text: string) => text.split('s3cr3t').join('[secret]'),
  });

  it('answers after the log lines are out', async () => {
    const order: string[] = [];
    const answer = await callHandler(unary(answering(order), async () => (order.push('work'), 'done')));
    order.push('answered');
    expect(answer).toEqual({ error: null, response: 'done' });
    expect(order).toEqual(['work', 'flush', 'answered']);
  });

  it('an error is UNKNOWN with its message, the secret cut out; a PluginError keeps its code', async () => {
    const failed = await callHandler(unary(answering([]), () => Promise.reject(new Error('refused s3cr3t'))));
    expect([failed.error?.code, failed.error?.details]).toEqual([status.UNKNOWN, 'refused [secret]']);
    const missing = await callHandler(
      unary(answering([]), () => Promise.reject(new PluginError(status.NOT_FOUND, 'no such'))),
    );
    expect(missing.error?.code).toBe(status.NOT_FOUND);
    const thrown = await callHandler(
      unary(answering([]), () => {
        throw 'not an Error';
      }),
    );
    expect(thrown.error?.details).toBe('not an Error');
  });
});

describe('tokens', () => {
  it('maps tokens to kinds and functions, and names an unknown one', () => {
    expect(kindOf('sinch:voice:NumberAssignment')).toBe('NumberAssignment');
    expect(kindOf('sinch:voice:ApplicationCallbacks')).toBe('ApplicationCallbacks');
    expect(functionOf('sinch:voice:queryNumber')).toBe('queryNumber');
    expect(() => kindOf('sinch:index:NumberAssignment')).toThrow(
      expect.objectContaining({
        code: status.NOT_FOUND,
        message: expect.stringContaining('sinch:index:NumberAssignment'),
      }),
    );
    expect(() => functionOf('sinch:voice:NumberAssignment')).toThrow(
      expect.objectContaining({ code: status.NOT_FOUND }),
    );
  });

  it('reads the type from the request, else from the URN (the last of a parent chain)', () => {
    expect(typeOf('urn:pulumi:dev::p::a:b:C::x', 'sinch:voice:NumberAssignment')).toBe('sinch:voice:NumberAssignment');
    expect(typeOf('urn:pulumi:dev::p::pulumi:pulumi:Stack$sinch:voice:NumberAssignment::x')).toBe(
      'sinch:voice:NumberAssignment',
    );
    expect(typeOf('not a urn')).toBe('');
  });
});

describe('version', () => {
  it('is found above this file, and a place without the package says so', () => {
    expect(packageVersion(join(__dirname, 'deeper', 'still'))).toBe(packageVersion());
    const elsewhere = mkdtempSync(join(tmpdir(), 'sinch-version-'));
    try {
      expect(() => packageVersion(elsewhere)).toThrow(/no package.json of the package/);
      // Another package's manifest on the way up is not ours (a plugin directory inside some other project).
      writeFileSync(join(elsewhere, 'package.json'), JSON.stringify({ name: 'someone-else', version: '9.9.9' }));
      mkdirSync(join(elsewhere, 'nested'));
      expect(() => packageVersion(join(elsewhere, 'nested'))).toThrow(/no package.json of the package/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
