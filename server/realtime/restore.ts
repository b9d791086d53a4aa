import * as Y from "yjs";

/** Transaction origin of the changes made since the version, so the undo manager tracks them. */
const SINCE_VERSION = Symbol("since-version");

/**
 * The update that turns `current` back into the content of an earlier version
 * of the same document, as a new edit: nothing in the history is rewritten, so
 * a client that kept its state offline merges it without duplicating text.
 *
 * How: load the version into a scratch document (gc off, so the content that
 * was deleted since is still there to copy), replay everything that happened
 * since as one tracked transaction, and undo that transaction. Undo deletes
 * what was inserted since and re-inserts copies of what was deleted since; it
 * works on items, so it needs no knowledge of which kind each top-level type is
 * (the server only sees generic types): Y.Text, Y.Map, Y.Array, Y.XmlFragment
 * and nested types all come out equal to the version. The new items carry a
 * client id the document has never used.
 *
 * `versionState` must be a state of this same document (a saved version):
 * undo can only revert changes it can see as "since".
 */
export function computeRestoreUpdate(current: Y.Doc, versionState: Uint8Array): Uint8Array {
  const scratch = new Y.Doc({ gc: false });
  while (current.store.clients.has(scratch.clientID)) {
    scratch.clientID = Math.floor(Math.random() * 0xffffffff);
  }
  try {
    Y.applyUpdate(scratch, versionState);
    const currentVector = Y.encodeStateVector(current);
    const undo = new Y.UndoManager(scratch, {
      trackedOrigins: new Set([SINCE_VERSION]),
      // The version's map values win over later ones, whoever wrote them.
      ignoreRemoteMapChanges: true,
      captureTimeout: 0,
    });
    Y.applyUpdate(
      scratch,
      Y.encodeStateAsUpdate(current, Y.encodeStateVector(scratch)),
      SINCE_VERSION,
    );
    undo.undo();
    undo.destroy();
    return Y.encodeStateAsUpdate(scratch, currentVector);
  } finally {
    scratch.destroy();
  }
}
