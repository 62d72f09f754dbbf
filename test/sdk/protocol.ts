/**
 * What the test suites ask of a program written over one of the generated SDKs (sdk/go, sdk/python, sdk/nodejs), and
 * what it answers. Each language has a driver under test/sdk/drivers/<language>/: a program that runs one Pulumi
 * operation as an inline Automation API program (no language host needed), declaring resources and calling functions
 * through its SDK exactly as a user of that language would. The request is one JSON document on stdin; the answer is
 * one JSON line, the last line of stdout. The engine finds the plugin where `pulumi plugin install` put it (the
 * driver's environment names PULUMI_HOME, the backend and the passphrase).
 */

/** Resource options, as every SDK has them. */
export interface SdkOptions {
  /** Pulumi's `import` resource option: the id of an existing binding or application. */
  importId?: string;
  /** The name of one of the program's explicit providers; absent: the default provider (stack configuration). */
  provider?: string;
  retainOnDelete?: boolean;
}

export interface SdkNumber extends SdkOptions {
  name: string;
  number: string;
  applicationKey?: string;
  capability?: 'voice' | 'sms';
  allowReassign?: boolean;
}

export interface SdkCallbacks extends SdkOptions {
  name: string;
  applicationKey?: string;
  primary: string;
  fallback?: string;
}

/** An explicit `sinch.Provider`, its secret given as a secret (each SDK marks it so). */
export interface SdkProvider {
  name: string;
  applicationKey: string;
  applicationSecret: string;
  baseUrl: string;
  auth?: 'signed' | 'basic';
}

/** A function call the program makes; its result becomes the stack output `function.<name>`. */
export type SdkFunctionCall =
  | { name: string; function: 'getNumbers'; applicationKey?: string; capability?: 'voice' | 'sms'; provider?: string }
  | { name: string; function: 'queryNumber'; number: string; provider?: string };

/** The program the driver declares. */
export interface SdkProgram {
  providers?: SdkProvider[];
  numbers?: SdkNumber[];
  callbacks?: SdkCallbacks[];
  functions?: SdkFunctionCall[];
  /**
   * Every output of every resource becomes the stack output `<resource name>.<property>` (the property as the schema
   * names it: `assignedApplicationKey`, `foundPrimary`, …); absent outputs are left out.
   */
  exportOutputs?: boolean;
  /** Instead of the declared resources: the language's example program (examples/<language>-basic), run inline. */
  example?: boolean;
}

export type SdkOperation = 'up' | 'preview' | 'refresh' | 'destroy';

export interface SdkRequest {
  /** The project's directory: Pulumi.yaml and the stack's files go here (the driver writes them as needed). */
  workDir: string;
  projectName: string;
  stackName: string;
  operation: SdkOperation;
  /** The stack's whole configuration (keys the driver set earlier and this one lacks are removed). */
  config: Record<string, { value: string; secret?: boolean }>;
  program: SdkProgram;
}

export interface SdkAnswer {
  ok: boolean;
  /**
   * The operation's resource changes, as the Automation API counts them (`{ create: 2, same: 1 }`): the summary's
   * resourceChanges for up, refresh and destroy, the change summary for preview.
   */
  changes?: Record<string, number>;
  /** After an up: the stack's outputs, plain (secrets unwrapped), and which of them are secret. */
  outputs?: Record<string, unknown>;
  secretOutputs?: string[];
  /** What the engine printed (the Automation API's output and error streams). */
  stdout?: string;
  stderr?: string;
  /** When ok is false: the error's message. */
  message?: string;
}
