import { describe, expect, test } from 'vitest';
import { PortAssignments } from './port-assignments.js';

const ref = (stackName: string, logicalId: string) => ({ stackName, logicalId });

describe('PortAssignments', () => {
  test('gives consecutive ports from the base port in the order APIs are first seen', () => {
    const ports = new PortAssignments(3000);
    expect([ports.portFor(ref('A', 'Http')), ports.portFor(ref('A', 'Chat')), ports.portFor(ref('B', 'Http'))]).toEqual([3000, 3001, 3002]);
  });

  test('keeps an API on its port when others come, go or change order', () => {
    const ports = new PortAssignments(3000);
    ports.portFor(ref('A', 'Http'));
    ports.portFor(ref('A', 'Chat'));
    // A reload where a new API sorts first and Http is gone: Chat keeps 3001, the new API gets the next free one.
    expect(ports.portFor(ref('A', 'Admin'))).toBe(3002);
    expect(ports.portFor(ref('A', 'Chat'))).toBe(3001);
  });

  test('tells the same logical id in two stacks apart', () => {
    const ports = new PortAssignments(4000);
    expect(ports.portFor(ref('One', 'Api'))).not.toBe(ports.portFor(ref('Two', 'Api')));
  });

  test('gives every API an ephemeral port for base port 0', () => {
    const ports = new PortAssignments(0);
    expect([ports.portFor(ref('A', 'X')), ports.portFor(ref('A', 'Y'))]).toEqual([0, 0]);
  });
});
