/**
 * scripts/executableFormat.ts, which the plugin archives are checked with: ELF, Mach-O and PE headers, read for their
 * format and CPU, on headers made here byte by byte and on the executable running this test.
 */
import { executableOf, readHeader } from '../../scripts/executableFormat';

function elf(machine: number): Buffer {
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x7f454c46, 0);
  header[4] = 2; // 64-bit
  header[5] = 1; // little-endian
  header.writeUInt16LE(machine, 18);
  return header;
}

function macho(cpuType: number): Buffer {
  const header = Buffer.alloc(32);
  header.writeUInt32LE(0xfeedfacf, 0);
  header.writeUInt32LE(cpuType, 4);
  return header;
}

function pe(machine: number): Buffer {
  const header = Buffer.alloc(0x100);
  header.write('MZ', 0, 'latin1');
  header.writeUInt32LE(0x80, 0x3c);
  header.write('PE\0\0', 0x80, 'latin1');
  header.writeUInt16LE(machine, 0x84);
  return header;
}

it.each([
  ['ELF x86-64', elf(0x3e), { format: 'elf', architecture: 'amd64' }],
  ['ELF AArch64', elf(0xb7), { format: 'elf', architecture: 'arm64' }],
  ['ELF RISC-V', elf(0xf3), { format: 'elf', architecture: 'unknown machine 0xf3' }],
  ['Mach-O x86_64', macho(0x01000007), { format: 'macho', architecture: 'amd64' }],
  ['Mach-O arm64', macho(0x0100000c), { format: 'macho', architecture: 'arm64' }],
  ['PE AMD64', pe(0x8664), { format: 'pe', architecture: 'amd64' }],
  ['PE ARM64', pe(0xaa64), { format: 'pe', architecture: 'arm64' }],
])('%s', (_name, header, expected) => {
  expect(executableOf(header)).toEqual(expected);
});

it('answers nothing for what is no executable: a script, a truncated header, an MZ without PE', () => {
  expect(executableOf(Buffer.from('#!/bin/sh\nexec node "$@"\n'))).toBeUndefined();
  expect(executableOf(elf(0x3e).subarray(0, 10))).toBeUndefined();
  expect(executableOf(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(0x80)]))).toBeUndefined();
});

it('reads the Node.js running this test as the executable of this machine', () => {
  const expected = { linux: 'elf', darwin: 'macho', win32: 'pe' }[process.platform as string];
  expect(executableOf(readHeader(process.execPath))).toEqual({
    format: expected,
    architecture: process.arch === 'x64' ? 'amd64' : process.arch,
  });
});
