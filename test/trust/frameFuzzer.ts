import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import * as encoding from "lib0/encoding";
import {
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from "../../server/realtime/protocol";
import {
  connectClient,
  connectRaw,
  frameKind,
  synced,
  waitFor,
  type Client,
  type RawClient,
} from "../realtimeClient";
import { createRng } from "./abuseGenerator";

/**
 * F1: a Yjs frame fuzzer. It starts from valid frames of the y-websocket
 * protocol (sync step 1 and 2, updates, awareness) and mutates them: bit flips,
 * truncation, appended garbage, wrong and huge varints, random bytes, and
 * "valid-looking" updates whose framing is intact but whose structs are garbage
 * (so they reach Y.applyUpdate). Deterministic for a seed.
 */
export type Mutation =
  | "valid"
  | "bitflip"
  | "truncate"
  | "append"
  | "hugeLength"
  | "wrongType"
  | "random"
  | "garbageStructs"
  | "empty"
  | "issue687";

const MUTATIONS: Mutation[] = [
  "valid",
  "bitflip",
  "truncate",
  "append",
  "hugeLength",
  "wrongType",
  "random",
  "garbageStructs",
  "garbageStructs",
  "empty",
  "issue687",
];

/** The reproducer of yjs#687 (a V2 update; we speak V1, so it must be refused, not hang). */
const ISSUE_687 = Uint8Array.from(
  Buffer.from("00010000000001000100010200001602000001fdffffffff7f0000", "hex"),
);

export class FrameFuzzer {
  private readonly rng: () => number;
  private readonly doc = new Y.Doc();
  private readonly awareness: awarenessProtocol.Awareness;
  private counter = 0;
  readonly counts = new Map<Mutation, number>();

  constructor(seed: number) {
    this.rng = createRng(seed);
    // A client id from the seed too, so that the frames are the same byte for byte.
    this.doc.clientID = 1 + Math.floor(this.rng() * 0x7ffffffe);
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState({ user: { name: "fuzzer" } });
  }

  private int(n: number): number {
    return Math.floor(this.rng() * n);
  }

  private randomBytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = this.int(256);
    return bytes;
  }

  /** A fresh valid update: a small edit of the fuzzer's own map (not the typists' text). */
  private validUpdate(): Uint8Array {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    this.doc.on("update", capture);
    const map = this.doc.getMap("fuzz");
    const key = `k${this.int(20)}`;
    if (this.rng() < 0.2) map.delete(key);
    else map.set(key, this.rng() < 0.5 ? `v${this.counter++}` : { n: this.counter++ });
    this.doc.off("update", capture);
    return update ?? Y.encodeStateAsUpdate(this.doc);
  }

  private validFrame(): Uint8Array {
    switch (this.int(4)) {
      case 0:
        return encodeSyncStep1(this.doc);
      case 1:
        return encodeSyncStep2(this.doc, new Uint8Array([0]));
      case 2:
        this.awareness.setLocalState({ user: { name: "fuzzer" }, cursor: this.counter++ });
        return encodeAwareness(this.awareness, [this.doc.clientID]);
      default:
        return encodeUpdate(this.validUpdate());
    }
  }

  /** A sync frame around an arbitrary payload (valid framing, whatever inside). */
  private syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, syncType);
    encoding.writeVarUint8Array(encoder, payload);
    return encoding.toUint8Array(encoder);
  }

  next(): { mutation: Mutation; frame: Uint8Array } {
    const mutation = MUTATIONS[this.int(MUTATIONS.length)]!;
    this.counts.set(mutation, (this.counts.get(mutation) ?? 0) + 1);
    return { mutation, frame: this.build(mutation) };
  }

  private build(mutation: Mutation): Uint8Array {
    const base = this.validFrame();
    switch (mutation) {
      case "valid":
        return base;
      case "bitflip": {
        const frame = base.slice();
        const flips = 1 + this.int(8);
        for (let i = 0; i < flips; i++) frame[this.int(frame.length)]! ^= 1 << this.int(8);
        return frame;
      }
      case "truncate":
        return base.slice(0, this.int(base.length));
      case "append": {
        const extra = this.randomBytes(1 + this.int(64));
        const frame = new Uint8Array(base.length + extra.length);
        frame.set(base);
        frame.set(extra, base.length);
        return frame;
      }
      case "hugeLength": {
        // A varuint length of ~2^35 or 2^53 where a small one belongs.
        const huge =
          this.rng() < 0.5
            ? [0xff, 0xff, 0xff, 0xff, 0x7f]
            : [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f];
        const at = Math.min(base.length, 1 + this.int(3));
        return Uint8Array.from([...base.slice(0, at), ...huge, ...base.slice(at)]);
      }
      case "wrongType":
        return Uint8Array.from([this.int(256), this.int(256), ...base.slice(2)]);
      case "random":
        return this.randomBytes(this.int(200));
      case "empty":
        return this.rng() < 0.5
          ? new Uint8Array(0)
          : this.syncFrame(this.int(3), new Uint8Array(0));
      case "issue687":
        return this.syncFrame(2, ISSUE_687);
      case "garbageStructs": {
        // Intact framing, a corrupted update inside: it reaches Y.applyUpdate.
        const update = this.validUpdate().slice();
        const choice = this.int(4);
        if (choice === 0) return this.syncFrame(2, this.randomBytes(1 + this.int(100)));
        if (choice === 1) return this.syncFrame(1, update.slice(0, this.int(update.length)));
        for (let i = 0; i < 1 + this.int(4); i++) update[this.int(update.length)] = this.int(256);
        return this.syncFrame(choice === 2 ? 2 : 1, update);
      }
    }
  }
}

export interface FuzzRunOptions {
  url: string;
  cookie: string;
  /** The document the fuzzer writes to (an observer checks it converges). */
  fuzzDoc: string;
  /** The typists' document (checked exactly). */
  typingDoc: string;
  frames: number;
  /** Frames per second from the fuzzer (0 = no fuzzing: the reference run). */
  framesPerSecond: number;
  /** How long the typists type when there is no fuzzing. */
  durationMs?: number;
  seed: number;
}

export interface FuzzRunResult {
  sent: number;
  reconnects: number;
  closeCodes: Map<number, number>;
  mutations: Map<Mutation, number>;
  latenciesMs: number[];
  typed: number;
  typists: Client[];
  observer: Client;
  /** Close codes the honest observer of the fuzzed document saw (a reload is 1012). */
  observerCloses: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Three real WebsocketProvider clients type into one document (each edit a
 * marker; latency = until both others see it) while a raw socket sends fuzzed
 * frames into another document at a steady rate, reconnecting when closed.
 */
export async function runFrameFuzz(options: FuzzRunOptions): Promise<FuzzRunResult> {
  const typists = [0, 1, 2].map(() =>
    connectClient(options.url, options.typingDoc, options.cookie),
  );
  const observer = connectClient(options.url, options.fuzzDoc, options.cookie);
  await Promise.all([...typists, observer].map(synced));
  const observerCloses: number[] = [];
  observer.provider.on("connection-close", (event: CloseEvent | null) =>
    observerCloses.push(event?.code ?? -1),
  );

  const latenciesMs: number[] = [];
  let typing = true;
  let typed = 0;
  const typist = async (index: number) => {
    const me = typists[index]!;
    const others = typists.filter((t) => t !== me);
    while (typing) {
      const marker = `[${index}:${typed++}]`;
      const started = performance.now();
      me.text.insert(me.text.length, marker);
      try {
        await waitFor(
          () => others.every((o) => o.text.toString().includes(marker)),
          10_000,
          marker,
        );
        latenciesMs.push(performance.now() - started);
      } catch {
        latenciesMs.push(10_000);
      }
      await sleep(20 + index * 7);
    }
  };
  const typingDone = Promise.all([0, 1, 2].map(typist));

  const fuzzer = new FrameFuzzer(options.seed);
  const closeCodes = new Map<number, number>();
  let reconnects = 0;
  let sent = 0;
  if (options.framesPerSecond > 0) {
    let raw: RawClient = connectRaw(options.url, options.fuzzDoc, options.cookie);
    let isOpen = false;
    const open = async () => {
      await raw.opened;
      isOpen = true;
      void raw.closed.then(({ code }) => {
        isOpen = false;
        closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
      });
    };
    await open();
    const interval = 1000 / options.framesPerSecond;
    const started = performance.now();
    while (sent < options.frames) {
      if (!isOpen) {
        raw.ws.terminate();
        raw = connectRaw(options.url, options.fuzzDoc, options.cookie);
        reconnects++;
        await open();
      }
      const { frame } = fuzzer.next();
      raw.ws.send(frame);
      sent++;
      const due = started + sent * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      else if (sent % 50 === 0) await sleep(0);
    }
    await sleep(300);
    raw.ws.terminate();
  } else {
    await sleep(options.durationMs ?? 5000);
  }
  typing = false;
  await typingDone;
  return {
    sent,
    reconnects,
    closeCodes,
    mutations: fuzzer.counts,
    latenciesMs,
    typed,
    typists,
    observer,
    observerCloses,
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export { frameKind };
