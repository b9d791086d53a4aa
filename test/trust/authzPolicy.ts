import { ORG_MEMBERS, READ, type DocPolicy, type Probe } from "./authz/personas";
import { ACCOUNT_FIELDS, PLAN_FIELDS } from "./authz/plans";
import { PORTFOLIO_FIELDS } from "./authz/portfolio";
import { PROPOSAL_FIELDS } from "./authz/proposals";
import { SEMINAR_FIELDS, SEMINAR_ROOM } from "./authz/seminars";

export {
  PERSONAS,
  type DocPolicy,
  type Fixture,
  type Persona,
  type Probe,
  type Request,
} from "./authz/personas";

/**
 * The one policy table of the authorization matrix (authzMatrix.test.ts): for every GraphQL
 * root field and every kind of co-written document, who may use it. The rows live by area
 * in ./authz/; a field defined in two areas fails here.
 */
const AREAS = [PLAN_FIELDS, ACCOUNT_FIELDS, PORTFOLIO_FIELDS, SEMINAR_FIELDS, PROPOSAL_FIELDS];

export const ROOT_FIELD_POLICY: Record<string, Probe> = {};
for (const area of AREAS)
  for (const [field, probe] of Object.entries(area)) {
    if (field in ROOT_FIELD_POLICY) throw new Error(`policy row defined twice: ${field}`);
    ROOT_FIELD_POLICY[field] = probe;
  }

/** Who may open (read) each kind of co-written document; writes are in test/realtime. */
export const DOC_POLICY: Record<string, DocPolicy> = {
  plan: { read: READ, docName: (fx) => fx.docName },
  board: { read: SEMINAR_ROOM, docName: (fx) => `board/${fx.boardId}` },
  // The implementation plan: whoever may read the proposal.
  proposal: { read: ORG_MEMBERS, docName: (fx) => `proposal/${fx.proposalId}` },
};
