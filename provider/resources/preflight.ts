import * as pulumi from '@pulumi/pulumi';
import { connect } from '../configuration';
import { programSettings } from './programSettings';

let checked = false;

/**
 * Stops the program with one clear error, before any resource reaches the provider (and so before any API call),
 * when the settings are incomplete or invalid. Without it, every resource would fail on its own with the same message.
 * Skipped under Pulumi's mocks, where unit tests need no credentials.
 */
export function preflight(): void {
  if (checked || underMocks()) return;
  checked = true;
  try {
    // The same check the provider makes before its first call; the client it builds is not used.
    connect(programSettings());
  } catch (error) {
    // RunError: Pulumi shows the message alone, without a stack trace.
    throw new pulumi.RunError((error as Error).message);
  }
}

/** Pulumi's MockMonitor is the only monitor with a `mocks` member; inline programs have no engine address to test. */
function underMocks(): boolean {
  const monitor = pulumi.runtime.getMonitor() as object | undefined;
  return monitor === undefined || 'mocks' in monitor;
}
