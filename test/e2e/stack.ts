/** Operations on a scenario's stack, and what the simulator says afterwards: shared by the end-to-end suites. */
import { APP_A } from '../support/fixtures';
import { admin, simulatorState, type PublicState } from '../support/simulator';
import type { SimulatedApplication } from '../../simulator';
import type {
  Operation,
  OperationOptions,
  OperationResult,
  Program,
  RunningOperation,
  Scenario,
  StackConfig,
} from './engine';
import { DYNAMIC, type FrontEnd } from './frontEnds';

export type Summary = Record<string, unknown>;

export interface StackOperations {
  /** The front end whose resources the declared programs of these operations declare. */
  frontEnd: FrontEnd;
  /** A declared program as this front end declares it (program files say for themselves). */
  declared(program: Program): Program;
  /** The provider settings as stack configuration, signing as `application` against the scenario's simulator. */
  credentials(auth?: 'signed' | 'basic', application?: SimulatedApplication): StackConfig;
  operate(
    operation: Operation,
    program: Program,
    config?: StackConfig,
    options?: OperationOptions,
    stack?: string,
  ): Promise<OperationResult>;
  /** Starts the operation, in a process group that the test can kill (see ScratchProject.start). */
  start(
    operation: Operation,
    program: Program,
    config?: StackConfig,
    environment?: NodeJS.ProcessEnv,
    options?: OperationOptions,
    stack?: string,
  ): RunningOperation;
  /** Runs the operation and fails the test with the engine's own words when it fails. */
  succeed(
    operation: Operation,
    program: Program,
    config?: StackConfig,
    options?: OperationOptions,
    stack?: string,
  ): Promise<Summary>;
  /** Bindings and the callbacks of applications that have any, as the simulator holds them. */
  bindingsAndCallbacks(): Promise<Pick<PublicState, 'bindings' | 'callbacks'>>;
  /** The routes of the API requests the simulator logged, in order. */
  apiRoutes(): Promise<string[]>;
}

/** The resource changes of an `up`, `refresh` or `destroy` summary. */
export const changes = (summary: Summary): Record<string, number> => summary.resourceChanges as Record<string, number>;

/** The operations on a scenario's stack, its declared programs declared through `frontEnd`. */
export function stackOperations(scenario: Scenario, frontEnd: FrontEnd = DYNAMIC): StackOperations {
  const declared = (program: Program): Program =>
    'programFile' in program ? program : { ...program, frontEnd: frontEnd.name };
  const operations: StackOperations = {
    frontEnd,
    declared,
    credentials: (auth = 'signed', application = APP_A) => ({
      'sinch:applicationKey': { value: application.key },
      'sinch:applicationSecret': { value: application.secret, secret: true },
      'sinch:baseUrl': { value: scenario.simulator.url },
      'sinch:auth': { value: auth },
    }),
    operate: (operation, program, config = operations.credentials(), options = {}, stack = scenario.stack) =>
      scenario.project.operate(operation, stack, declared(program), config, {}, options),
    start: (
      operation,
      program,
      config = operations.credentials(),
      environment = {},
      options = {},
      stack = scenario.stack,
    ) => scenario.project.start(operation, stack, declared(program), config, environment, options),
    succeed: async (operation, program, config, options, stack) => {
      const outcome = await operations.operate(operation, program, config, options, stack);
      if (!outcome.ok) throw new Error(`${operation} failed: ${outcome.message}`);
      return outcome.result as Summary;
    },
    bindingsAndCallbacks: async () => {
      const { bindings, callbacks } = await simulatorState(scenario.simulator);
      return {
        bindings,
        callbacks: Object.fromEntries(Object.entries(callbacks).filter(([, urls]) => Object.keys(urls).length > 0)),
      };
    },
    apiRoutes: async () =>
      (await admin<{ requests: Array<{ route: string }> }>(scenario.simulator, 'GET', 'requests')).requests.map(
        (entry) => entry.route,
      ),
  };
  return operations;
}
