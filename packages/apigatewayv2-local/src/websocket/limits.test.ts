import { describe, expect, it } from 'vitest';
import { FrameScanner } from './limits.js';

/** A masked client frame header for a payload of `length` bytes, followed by that many bytes. */
function frame(length: number, opcode = 0x1, fin = true): Buffer {
  let header: Buffer;
  if (length < 126) header = Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | length]);
  else if (length < 65536) {
    header = Buffer.alloc(4);
    header[0] = (fin ? 0x80 : 0) | opcode;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = (fin ? 0x80 : 0) | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, Buffer.from([1, 2, 3, 4]), Buffer.alloc(length, 0x61)]);
}

describe('FrameScanner', () => {
  it('lets frames up to the limit through, whatever the chunking', () => {
    const bytes = Buffer.concat([frame(10), frame(32 * 1024), frame(300, 0x0, false), frame(125)]);
    const whole = new FrameScanner(32 * 1024);
    expect(whole.feed(bytes)).toEqual({ kind: 'ok' });
    const split = new FrameScanner(32 * 1024);
    for (let i = 0; i < bytes.length; i += 7) expect(split.feed(bytes.subarray(i, i + 7))).toEqual({ kind: 'ok' });
  });

  it('reports a frame over the limit from its header, before the payload arrives', () => {
    const scanner = new FrameScanner(32 * 1024);
    expect(scanner.feed(frame(5))).toEqual({ kind: 'ok' });
    expect(scanner.feed(frame(32 * 1024 + 1).subarray(0, 8))).toEqual({ kind: 'frame-too-large', payloadBytes: 32 * 1024 + 1 });
  });

  it('reads 64-bit lengths', () => {
    expect(new FrameScanner(32 * 1024).feed(frame(70_000).subarray(0, 14))).toEqual({ kind: 'frame-too-large', payloadBytes: 70_000 });
  });
});
