import { EventEmitter } from "node:events";

/**
 * Publish/subscribe for GraphQL subscriptions. In-process now (one server owns
 * the data); a Redis-backed implementation of the same two functions can replace
 * it for several instances. Published after the write, never from change streams
 * (FerretDB v1 has none).
 */
export interface PubSub {
  publish(topic: string, payload: unknown): void;
  subscribe<T>(topic: string, signal?: AbortSignal): AsyncIterableIterator<T>;
}

const MAX_QUEUED = 100;

class InProcessPubSub implements PubSub {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(topic: string, payload: unknown): void {
    this.emitter.emit(topic, payload);
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    const queue: T[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const listener = (payload: T) => {
      // A subscriber that does not read cannot make us buffer without bound.
      if (queue.length >= MAX_QUEUED) queue.shift();
      queue.push(payload);
      wake?.();
    };
    this.emitter.on(topic, listener);
    const stop = () => {
      done = true;
      this.emitter.off(topic, listener);
      wake?.();
    };
    const iterator: AsyncIterableIterator<T> = {
      async next() {
        while (!done && queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        if (queue.length) return { value: queue.shift()!, done: false };
        return { value: undefined, done: true };
      },
      async return() {
        stop();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}

export const pubsub: PubSub = new InProcessPubSub();
export const publish = (topic: string, payload: unknown) => pubsub.publish(topic, payload);
