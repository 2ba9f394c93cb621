/**
 * `POST /stream`: a document or a set followed live, as Fauna's v4 streams
 * were. The response stays open; each event is one JSON line ending in
 * "\r\n": first `start`, then `version` / `history_rewrite` events of a
 * document (with the fields asked for: action, document, diff, prev), or
 * `set` events of a set (action, document, index). Events come from the
 * commits of this process, and only those the stream's secret may see.
 */
import type { Engine } from "../engine";
import { Errors } from "../error/catalog";
import { FaunaError, queryError } from "../error/FaunaError";
import type { Changes, DocumentChange, EntryChange } from "../evaluation/changes";
import type { StreamTarget } from "../evaluation/streams";
import { valuesEqual } from "../evaluation/equality";
import type { StoredVersion } from "../store/codec";
import { Ref, type ObjectValue, type Value } from "../language/values";
import { encodeValue, parseWireJson, type WireJson } from "../language/wire";
import { metricsHeaders } from "./headers";
import type { Request, Response } from "./listener";

const FIELDS = ["action", "document", "prev", "diff", "index"] as const;
type Field = (typeof FIELDS)[number];
const DEFAULT_FIELDS: readonly Field[] = ["action", "document"];

interface Follower {
  readonly target: StreamTarget;
  readonly secret: string;
  readonly fields: ReadonlySet<Field>;
  /** Sends one event; false once the stream is over. */
  send(type: string, txn: bigint, event: Value): boolean;
  close(): void;
}

/** Everyone following something, and the commits they hear about. */
export class StreamHub {
  private readonly followers = new Set<Follower>();
  private nextId = 1;

  /** `onFollowing` hears when there come to be followers, and when there are none left. */
  constructor(
    private readonly engine: Engine,
    private readonly onFollowing: (following: boolean) => void = () => undefined,
  ) {}

  follow(follower: Follower): () => void {
    this.followers.add(follower);
    if (this.followers.size === 1) this.onFollowing(true);
    return () => {
      if (this.followers.delete(follower) && this.followers.size === 0) this.onFollowing(false);
    };
  }

  newId(): number {
    return this.nextId++;
  }

  close(): void {
    for (const follower of [...this.followers]) follower.close();
  }

  /** What a commit changed, for every follower it concerns. */
  dispatch(changes: Changes): void {
    for (const follower of [...this.followers]) {
      for (const event of eventsFor(follower, changes)) {
        const readable = this.engine.mayRead(follower.secret, event.ref);
        if (readable === "unauthorized") {
          follower.send("error", event.txn, new Map<string, Value>([["code", "permission denied"], ["description", "Authorization lost during stream evaluation."]]));
          follower.close();
          break;
        }
        if (readable && !follower.send(event.type, event.txn, event.payload)) break;
      }
    }
  }
}

interface PendingEvent {
  readonly type: string;
  readonly txn: bigint;
  /** The document the event is about: whether the stream's secret may read it decides whether it is sent. */
  readonly ref: Ref;
  readonly payload: ObjectValue;
}

function shownVersion(ref: Ref, version: StoredVersion | undefined, ts: bigint): ObjectValue {
  return new Map<string, Value>([["ref", ref], ["ts", ts], ...(version?.fields ?? new Map<string, Value>())]);
}

/** The top-level fields that changed, with null for those removed. */
function diffOf(before: StoredVersion | undefined, after: StoredVersion | undefined): ObjectValue {
  const diff: ObjectValue = new Map();
  const old = before?.fields ?? new Map<string, Value>();
  const next = after?.fields ?? new Map<string, Value>();
  for (const [name, value] of next) if (!old.has(name) || !valuesEqual(old.get(name)!, value)) diff.set(name, value);
  for (const name of old.keys()) if (!next.has(name)) diff.set(name, null);
  return diff;
}

function documentEvent(follower: Follower, change: DocumentChange): PendingEvent {
  const payload: ObjectValue = new Map();
  const { fields } = follower;
  if (fields.has("action")) payload.set("action", change.action);
  // A deleted document shows what it held when it was deleted.
  if (fields.has("document")) payload.set("document", shownVersion(change.ref, change.after ?? change.before, change.ts));
  if (fields.has("diff")) payload.set("diff", new Map<string, Value>([["ref", change.ref], ["ts", change.ts], ...diffOf(change.before, change.after)]));
  if (fields.has("prev") && change.before) payload.set("prev", shownVersion(change.ref, change.before, change.before.ts));
  return { type: change.historyRewrite ? "history_rewrite" : "version", txn: change.ts, ref: change.ref, payload };
}

function setEvent(follower: Follower, action: "add" | "remove", ref: Ref, ts: bigint, index?: EntryChange): PendingEvent {
  const payload: ObjectValue = new Map();
  if (follower.fields.has("action")) payload.set("action", action);
  if (follower.fields.has("document")) payload.set("document", new Map<string, Value>([["ref", ref], ["ts", ts]]));
  if (follower.fields.has("index") && index) {
    payload.set("index", new Map<string, Value>([["ref", index.indexRef], ["terms", [...index.terms]], ["values", [...index.values]]]));
  }
  return { type: "set", txn: ts, ref, payload };
}

function* eventsFor(follower: Follower, changes: Changes): Generator<PendingEvent> {
  const target = follower.target;
  if (target.kind === "index") {
    for (const entry of changes.entries) {
      if (entry.db === target.db && entry.index === target.index && entry.termsKey === target.termsKey) yield setEvent(follower, entry.action, entry.ref, entry.ts, entry);
    }
    return;
  }
  for (const change of changes.documents) {
    if (change.db !== target.db || change.collection !== target.collection) continue;
    if (target.kind === "document") {
      if (change.key === target.key) yield documentEvent(follower, change);
    } else if (!change.historyRewrite && change.action !== "update") {
      yield setEvent(follower, change.action === "create" ? "add" : "remove", change.ref, change.ts);
    }
  }
}

function fieldsOf(parameter: string | null): Set<Field> {
  if (parameter === null) return new Set(DEFAULT_FIELDS);
  const names = parameter.split(",").map((name) => name.trim());
  const bad = names.filter((name) => !(FIELDS as readonly string[]).includes(name));
  if (bad.length > 0) throw new FaunaError(bad.map((name) => queryError(Errors.invalidStreamField, undefined, name).errors[0]!));
  return new Set(names as Field[]);
}

export interface StreamRequest {
  readonly text: string | undefined;
  readonly secret: string;
  /** The `fields` URL parameter, when given. */
  readonly fields: string | null;
}

/**
 * Opens a stream: the response becomes its events until the client goes.
 * Gives back the error to answer with instead, when it cannot be opened.
 */
export async function openStream(engine: Engine, hub: StreamHub, request: Request, response: Response, stream: StreamRequest, headers: Record<string, string>): Promise<FaunaError | undefined> {
  let fields: Set<Field>;
  let opened: ReturnType<Engine["streamTarget"]>;
  try {
    fields = fieldsOf(stream.fields);
    if (stream.text === undefined) throw queryError(Errors.noQuery, undefined);
    let json: WireJson;
    try {
      json = parseWireJson(stream.text);
    } catch (error) {
      throw error instanceof FaunaError ? error : queryError(Errors.invalidJson, undefined);
    }
    opened = engine.streamTarget(json, { secret: stream.secret });
  } catch (error) {
    if (error instanceof FaunaError) return error;
    throw error;
  }
  const id = hub.newId();
  response.writeHead(200, {
    ...headers,
    ...metricsHeaders({ ...opened.result.metrics, bytesOut: 0 }),
    "content-type": "application/json;charset=utf-8",
    "x-txn-time": String(opened.result.txnTime),
    "x-fauna-stream-id": String(id),
  });
  let open = true;
  const follower: Follower = {
    target: opened.target,
    secret: stream.secret,
    fields,
    send: (type, txn, event) => {
      // Both kinds of response write text alike; their types differ in overloads only.
      if (open) (response as { write(text: string): boolean }).write(`{"type":"${type}","txn":${txn},"event":${encodeValue(event)}}\r\n`);
      return open;
    },
    close: () => {
      if (!open) return;
      open = false;
      stop();
      response.end();
    },
  };
  const stop = hub.follow(follower);
  request.on("close", () => follower.close());
  const start = engine.now();
  follower.send("start", start, start);
  return undefined;
}
