/**
 * What an executable file is, read from its header: the format (ELF, Mach-O, PE) and the CPU it runs on, named as
 * Pulumi names platforms. The plugin archives are checked with it, so that no archive carries a runtime of another
 * platform than its name says.
 */
import { openSync, readSync, closeSync } from 'node:fs';

export type ExecutableFormat = 'elf' | 'macho' | 'pe';
export type Architecture = 'amd64' | 'arm64';

export interface Executable {
  format: ExecutableFormat;
  architecture: Architecture | `unknown machine 0x${string}`;
}

/** ELF e_machine, Mach-O cputype and PE Machine values of the two architectures. */
const ELF_MACHINES: Record<number, Architecture> = { 0x3e: 'amd64', 0xb7: 'arm64' };
const MACHO_CPU_TYPES: Record<number, Architecture> = { 0x01000007: 'amd64', 0x0100000c: 'arm64' };
const PE_MACHINES: Record<number, Architecture> = { 0x8664: 'amd64', 0xaa64: 'arm64' };

const named = (table: Record<number, Architecture>, value: number): Executable['architecture'] =>
  table[value] ?? `unknown machine 0x${value.toString(16)}`;

/** The format and architecture of an executable's first bytes, or undefined when they are none of the three. */
export function executableOf(header: Buffer): Executable | undefined {
  if (header.length >= 20 && header.readUInt32BE(0) === 0x7f454c46) {
    // ELF: EI_DATA at 5 (1: little-endian, as on both architectures); e_machine at 18.
    const machine = header[5] === 1 ? header.readUInt16LE(18) : header.readUInt16BE(18);
    return { format: 'elf', architecture: named(ELF_MACHINES, machine) };
  }
  if (header.length >= 8 && header.readUInt32LE(0) === 0xfeedfacf) {
    // A 64-bit Mach-O, little-endian: cputype follows the magic.
    return { format: 'macho', architecture: named(MACHO_CPU_TYPES, header.readUInt32LE(4)) };
  }
  if (header.length >= 0x40 && header.toString('latin1', 0, 2) === 'MZ') {
    // PE: the DOS header's e_lfanew points at "PE\0\0", then the COFF header's Machine.
    const at = header.readUInt32LE(0x3c);
    if (header.length >= at + 6 && header.toString('latin1', at, at + 4) === 'PE\0\0')
      return { format: 'pe', architecture: named(PE_MACHINES, header.readUInt16LE(at + 4)) };
  }
  return undefined;
}

/** The first bytes of a file: enough for every header above (a PE header sits within the first kilobyte). */
export function readHeader(file: string, length = 4096): Buffer {
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    return buffer.subarray(0, readSync(descriptor, buffer, 0, length, 0));
  } finally {
    closeSync(descriptor);
  }
}
