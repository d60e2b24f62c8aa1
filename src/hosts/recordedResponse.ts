/**
 * A response object both SDKs can write to (the Express-like shape they expect), which records instead
 * of sending, so the server alone decides what goes on the wire. Methods are own properties because
 * botbuilder validates the object structurally.
 */
import type { HostResponse } from './host';

export class RecordedResponse {
  statusCode = 200;
  body: unknown = undefined;
  headersSent = false;
  writableEnded = false;
  readonly socket = {};

  readonly status = (code: number): this => {
    this.statusCode = code;
    return this;
  };
  readonly setHeader = (_name: string, _value: string): this => this;
  readonly header = (_name: string, _value: unknown): this => this;
  readonly send = (body?: unknown): this => {
    this.body = body;
    return this;
  };
  readonly end = (): this => {
    this.writableEnded = true;
    return this;
  };

  result(): HostResponse {
    return this.body === undefined
      ? { status: this.statusCode }
      : { status: this.statusCode, body: this.body };
  }
}
