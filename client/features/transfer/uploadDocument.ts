import type { TFunction } from "i18next";
import type { ParseResult } from "../../../shared/planImport/types";

/** The server's upload limit (server/modules/transfer/routes.ts). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** What the import page reads: documents to parse, and Koers plan exports to restore. */
export const DOCUMENT_EXTENSIONS = ["md", "markdown", "txt", "docx", "pdf"] as const;
export const ACCEPT = [
  ...DOCUMENT_EXTENSIONS.map((e) => `.${e}`),
  ".json",
  "text/markdown",
  "text/plain",
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/json",
].join(",");

export type FileKind = "document" | "planJson" | "unsupported";

export function kindOfFile(name: string): FileKind {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  if ((DOCUMENT_EXTENSIONS as readonly string[]).includes(extension)) return "document";
  if (extension === "json") return "planJson";
  return "unsupported";
}

/**
 * A refused or failed request. `message` is already in the user's language when the
 * server wrote it; otherwise `reason` says which of our own texts to show.
 */
export class TransferError extends Error {
  constructor(
    message: string,
    readonly reason: "server" | "network" | "tooLarge" | "aborted",
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface ErrorBody {
  errors?: { message?: string; extensions?: { code?: string; field?: string } }[];
}

function errorOf(status: number, body: unknown): TransferError {
  if (status === 413) return new TransferError("", "tooLarge");
  const errors = (body as ErrorBody | null)?.errors ?? [];
  const messages = errors.map((e) => e.message).filter((m): m is string => !!m);
  if (!messages.length) return new TransferError("", "network");
  const fields: Record<string, string> = {};
  for (const e of errors) {
    const field = e.extensions?.field;
    if (field && e.message) fields[field.replace(/^input\./, "")] = e.message;
  }
  return new TransferError(messages.join(" "), "server", fields);
}

export interface Upload {
  result: Promise<ParseResult>;
  abort(): void;
}

/**
 * Sends a document to be parsed. XMLHttpRequest rather than fetch: only it reports
 * upload progress. `onProgress` gets the sent fraction (0–1), then `onSent` fires while
 * the server reads the document.
 */
export function uploadDocument(
  file: File,
  locale: string,
  onProgress: (fraction: number) => void,
  onSent: () => void,
): Upload {
  const xhr = new XMLHttpRequest();
  const result = new Promise<ParseResult>((resolve, reject) => {
    xhr.open("POST", "/api/import/parse");
    xhr.withCredentials = true;
    xhr.responseType = "json";
    // The server decodes the name: it may hold any character a file name can.
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    xhr.setRequestHeader("x-koers-locale", locale);
    xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => onSent();
    xhr.onload = () => {
      if (xhr.status === 200 && xhr.response && typeof xhr.response === "object")
        resolve(xhr.response as ParseResult);
      else reject(errorOf(xhr.status, xhr.response));
    };
    xhr.onerror = () => reject(new TransferError("", "network"));
    xhr.onabort = () => reject(new TransferError("", "aborted"));
    xhr.send(file);
  });
  return { result, abort: () => xhr.abort() };
}

/** Restores a Koers plan export (.json) as a new plan in `orgUnitId`; resolves to its id. */
export async function restorePlanJson(
  file: File,
  orgUnitId: string,
  locale: string,
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`/api/plans/import.json?orgUnitId=${encodeURIComponent(orgUnitId)}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-koers-locale": locale },
      body: await file.text(),
    });
  } catch {
    throw new TransferError("", "network");
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status !== 201) throw errorOf(response.status, body);
  const id = (body as { id?: unknown } | null)?.id;
  if (typeof id !== "string") throw new TransferError("", "network");
  return id;
}

/** The text for a failed upload, in the user's language. */
export function transferErrorText(error: unknown, t: TFunction): string {
  if (!(error instanceof TransferError)) return t("errors.network");
  switch (error.reason) {
    case "server":
      return error.message;
    case "tooLarge":
      return t("transfer.file.tooLarge");
    case "aborted":
      return t("transfer.upload.cancelled");
    case "network":
      return t("errors.network");
  }
}
