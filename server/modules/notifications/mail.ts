import nodemailer, { type Transporter } from "nodemailer";
import { logger } from "../../logger";

/** E-mail is off unless SMTP_URL is configured (config.ts); the notification centre always works. */
let transport: Transporter | null = null;
let sender = "Koers <no-reply@koers.local>";
let baseUrl = "";

export function configureMail(options: {
  url?: string | null;
  from?: string | null;
  /** Where users reach Koers (links in e-mails are made absolute with it). */
  baseUrl?: string | null;
}): void {
  transport?.close();
  transport = options.url ? nodemailer.createTransport(options.url) : null;
  if (options.from) sender = options.from;
  baseUrl = (options.baseUrl ?? "").replace(/\/$/, "");
}

export function absoluteLink(path: string): string {
  return `${baseUrl}${path}`;
}

export function isMailEnabled(): boolean {
  return transport !== null;
}

/** Sends one message; failures are logged, never thrown (mail is a courtesy copy). */
export async function sendMail(to: string, subject: string, text: string): Promise<boolean> {
  if (!transport) return false;
  try {
    await transport.sendMail({ from: sender, to, subject, text });
    return true;
  } catch (error) {
    logger().child({ module: "notifications" }).warn({ err: error }, "sending e-mail failed");
    return false;
  }
}
