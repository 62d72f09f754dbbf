/**
 * What a front end asks of the implementation, as named requests: the dynamic provider's positional arguments and the
 * plugin's gRPC messages both map onto these. Values are plain (secrets unwrapped by the front end); a value the engine
 * does not know yet is the string UNKNOWN (validation.ts).
 */
import type { ResourceMethod } from './methods';

export type PropertyValues = Record<string, unknown>;

/** `urn` names the resource in diagnostics; the dynamic front end has none to give. */
interface Addressed {
  urn?: string;
}

export interface CheckRequest extends Addressed {
  /** The inputs of the resource's state; empty for a resource that has none yet (a create follows in an up). */
  olds: PropertyValues;
  news: PropertyValues;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResponse {
  inputs: PropertyValues;
  failures: CheckFailure[];
}

export interface DiffRequest extends Addressed {
  id: string;
  /** The outputs of the resource's state. */
  olds: PropertyValues;
  /** Checked inputs. */
  news: PropertyValues;
}

export interface DiffResponse {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface CreateRequest extends Addressed {
  inputs: PropertyValues;
}

export interface CreateResponse {
  id: string;
  outs: PropertyValues;
}

export interface ReadRequest extends Addressed {
  id: string;
  /** The outputs of the resource's state; empty for an import. */
  props: PropertyValues;
}

/** No id: the resource no longer exists, and refresh drops it. */
export interface ReadResponse {
  id?: string;
  props?: PropertyValues;
  inputs?: PropertyValues;
}

export interface UpdateRequest extends Addressed {
  id: string;
  olds: PropertyValues;
  news: PropertyValues;
}

export interface UpdateResponse {
  outs: PropertyValues;
}

export interface DeleteRequest extends Addressed {
  id: string;
  props: PropertyValues;
}

export interface ResourceRequests {
  check: CheckRequest;
  diff: DiffRequest;
  create: CreateRequest;
  read: ReadRequest;
  update: UpdateRequest;
  delete: DeleteRequest;
}

export interface ResourceResponses {
  check: CheckResponse;
  diff: DiffResponse;
  create: CreateResponse;
  read: ReadResponse;
  update: UpdateResponse;
  delete: void;
}

/** A function's answer: its outputs, or the failures that name each bad argument (no API call was made). */
export type InvokeResponse<Result> =
  { result: Result; failures: [] } | { result?: undefined; failures: CheckFailure[] };

// Every method has a request and a response type.
export type RequestOf<M extends ResourceMethod> = ResourceRequests[M];
export type ResponseOf<M extends ResourceMethod> = ResourceResponses[M];
