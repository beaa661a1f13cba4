import { resourceKey, type ResourceRef } from '../model/index.js';

/**
 * The port of every API, kept by the API's identity (stack name + logical id) rather than its position in
 * the model: the first APIs seen take consecutive ports from the base port in the model's order, and an API
 * keeps its port for as long as this object lives, so a reload that adds, removes or reorders APIs moves
 * none of the others. Base port 0 gives every API a free ephemeral port.
 */
export class PortAssignments {
  private readonly ports = new Map<string, number>();
  private nextOffset = 0;

  constructor(private readonly basePort: number) {}

  portFor(ref: ResourceRef): number {
    if (this.basePort === 0) return 0;
    const key = resourceKey(ref);
    let port = this.ports.get(key);
    if (port === undefined) {
      port = this.basePort + this.nextOffset++;
      this.ports.set(key, port);
    }
    return port;
  }
}
