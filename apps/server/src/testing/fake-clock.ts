import type { Clock } from '../engine/clock.js';

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: Date) {
    this.t = start.getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date): void {
    this.t = at.getTime();
  }
  advance(ms: number): Date {
    this.t += ms;
    return this.now();
  }
}
