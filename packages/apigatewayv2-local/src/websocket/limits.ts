/**
 * WebSocket API limits, as AWS documents them, and the close codes the gateway uses when a client passes one.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html#apigateway-execution-service-websocket-limits-table
 */
export interface WebSocketLimits {
  /** Largest frame a client may send; larger → close 1009. @default 32 KB */
  readonly maxFrameBytes: number;
  /** Largest message (all frames of it); larger → close 1009. @default 128 KB */
  readonly maxMessageBytes: number;
  /** A connection with no message either way for this long is closed. @default 10 minutes */
  readonly idleTimeoutMs: number;
  /** A connection is closed this long after it opened, whatever it does. @default 2 hours */
  readonly maxConnectionDurationMs: number;
  /**
   * Time a client has to send a whole request to the WebSocket port (a handshake or an `@connections` call):
   * from the connection opening to the end of its request head (first byte, TLS handshake and head each get
   * this long), and from the head to the end of its body. Past it the gateway answers 408, where an HTTP
   * answer can still be written, and closes the connection. AWS documents no such limit (unconfirmed: the
   * 60 s of the HTTP port, Node's `headersTimeout`). @default 60 seconds
   */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_WEBSOCKET_LIMITS: WebSocketLimits = {
  maxFrameBytes: 32 * 1024,
  maxMessageBytes: 128 * 1024,
  idleTimeoutMs: 10 * 60 * 1000,
  maxConnectionDurationMs: 2 * 60 * 60 * 1000,
  requestTimeoutMs: 60 * 1000,
};

/**
 * A client's writes past this many unsent bytes make `PostToConnection` answer 429 (LimitExceededException)
 * and a ping close the connection (1008): the client is not reading. Unconfirmed size; one constant.
 */
export const SEND_BUFFER_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Largest request line plus headers the WebSocket port reads (a handshake or an `@connections` call); a
 * larger head is answered 431. AWS documents 10240 bytes for HTTP APIs (unconfirmed for WebSocket APIs).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 */
export const MAX_REQUEST_HEAD_BYTES = 10 * 1024;

/**
 * Most frames one message may be split into: as many as its bytes at the message limit, so any message AWS
 * accepts (a limit on bytes, not frames) is accepted; only empty continuation frames can go past it.
 * Past it the connection closes with 1008 (unconfirmed: AWS documents no frame count).
 */
export function maxFragments(limits: WebSocketLimits): number {
  return limits.maxMessageBytes;
}

/** Close codes (RFC 6455 7.4.1). Idle and duration closes are unconfirmed on AWS: "going away" is used. */
export const CLOSE_CODES = {
  /** A frame or message over the limit (AWS: 1009). */
  messageTooBig: 1009,
  /** A binary frame (AWS: 1003). */
  unsupportedData: 1003,
  /** Idle timeout (unconfirmed). */
  idle: 1001,
  /** Maximum connection duration reached (unconfirmed). */
  maxDuration: 1001,
  /** The gateway is shutting down. */
  goingAway: 1001,
  /**
   * The client broke a rule of ours: too many frames in one message, or pings sent faster than it reads the
   * pongs (AWS reportedly does not answer pings; unconfirmed).
   */
  policyViolation: 1008,
} as const;

/** What a scan of the client's bytes found. */
export type FrameCheck = { readonly kind: 'ok' } | { readonly kind: 'frame-too-large'; readonly payloadBytes: number };

const OK: FrameCheck = { kind: 'ok' };

/**
 * Follows the frame headers in the bytes a client sends (RFC 6455 5.2) to see each frame's payload length
 * before the frame arrives whole: `ws` only limits whole messages, while API Gateway also limits frames.
 * Feed it every chunk read from the socket, in order.
 */
export class FrameScanner {
  /** Header bytes of the frame being read, until they are complete. */
  private header = Buffer.alloc(14);
  private headerLength = 0;
  /** Payload bytes of the current frame still to skip. */
  private remaining = 0;

  constructor(private readonly maxFrameBytes: number) {}

  feed(chunk: Buffer): FrameCheck {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining > 0) {
        const skip = Math.min(this.remaining, chunk.length - offset);
        this.remaining -= skip;
        offset += skip;
        continue;
      }
      this.header[this.headerLength++] = chunk[offset++];
      const needed = this.headerBytesNeeded();
      if (needed === undefined || this.headerLength < needed) continue;
      const payloadBytes = this.payloadLength();
      this.headerLength = 0;
      if (payloadBytes > this.maxFrameBytes) return { kind: 'frame-too-large', payloadBytes };
      this.remaining = payloadBytes;
    }
    return OK;
  }

  /** The header's full size once its first two bytes are known. */
  private headerBytesNeeded(): number | undefined {
    if (this.headerLength < 2) return undefined;
    const masked = (this.header[1] & 0x80) !== 0;
    const length7 = this.header[1] & 0x7f;
    const extended = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
    return 2 + extended + (masked ? 4 : 0);
  }

  private payloadLength(): number {
    const length7 = this.header[1] & 0x7f;
    if (length7 === 126) return this.header.readUInt16BE(2);
    if (length7 === 127) return Number(this.header.readBigUInt64BE(2));
    return length7;
  }
}
