import type { Proposal } from "../proposals";
import type { KpiFigures } from "./kpis";
import type { Project } from "./model";

/** GraphQL parents of the portfolio types that are not stored as such. */
export type RagData = Project["rag"];
export type PortfolioProposalData = Proposal;
export interface SatisfactionSummaryData {
  period: string;
  responses: number;
  satisfied: number;
  percent: number | null;
  myScore: number | null;
}
export interface PortfolioKpisData {
  period: string;
  mandateHolderId: string | null;
  asOf: string;
  figures: KpiFigures;
  quarters: KpiFigures[];
}
