import type { Clock } from '../../src/core/clock.js';

/** A clock tests move by hand. Starts at a fixed JST-afternoon instant. */
export class TestClock implements Clock {
  #t: number;
  constructor(start = Date.parse('2026-11-20T05:00:00.000Z')) {
    this.#t = start;
  }
  now(): Date {
    return new Date(this.#t);
  }
  advance(ms: number): void {
    this.#t += ms;
  }
}
