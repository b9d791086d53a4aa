/**
 * Rights to a co-written document are checked when its socket connects. When a
 * domain change alters them (a proposal moves on and its author may no longer
 * write, a seminar board is locked), the module that made the change calls
 * `documentRightsChanged`: every open socket of the document is closed with
 * 4000, and y-websocket clients reconnect at once, through the check again.
 */
type Listener = (docName: string) => void;

let listener: Listener | null = null;

/** Set by the app to the realtime server of this process (null to detach). */
export function setDocumentRightsListener(next: Listener | null): void {
  listener = next;
}

export function documentRightsChanged(docName: string): void {
  listener?.(docName);
}
